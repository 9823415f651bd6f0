import type {IngestResult} from "../../loaders/ingest/ingest.ts";
import type {Query} from "./hostile-case.ts";

const sql = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A quarantine entry that rejected its row; one without a scope, from before scopes were recorded, did. */
const REJECTS_ROW = `coalesce(scope, 'row') = 'row'`;
/** A quarantine entry about one value of a row that was loaded: set aside (missing) or flagged (as exported). */
const SETS_VALUE_ASIDE = `scope = 'value'`;

const COUNTS = ["rowsRead", "rowsLoaded", "rowsQuarantined", "valuesSetAside"] as const;

/**
 * Every way a row could go missing without a word, as a list of discrepancies (empty when none): the
 * counts of an ingest must add up, per file and in total, and agree with the rows the warehouse holds —
 * each loaded row in its table and each rejected one in `quarantine` (scope row), never both, never twice —
 * and every value set aside must belong to a row that was loaded, counted once.
 */
export async function silentLosses(result: IngestResult, query: Query): Promise<string[]> {
  const found: string[] = [];
  const {rowsRead, rowsLoaded, rowsQuarantined} = result;
  if (rowsRead !== rowsLoaded + rowsQuarantined)
    found.push(`ingest: ${rowsRead} rows read ≠ ${rowsLoaded} loaded + ${rowsQuarantined} rejected`);
  for (const key of COUNTS) {
    const sum = result.files.reduce((n, file) => n + file[key], 0);
    if (sum !== result[key]) found.push(`ingest: ${key} ${result[key]} ≠ the files' ${sum}`);
  }
  for (const file of result.files) {
    if (file.rowsRead !== file.rowsLoaded + file.rowsQuarantined)
      found.push(
        `${file.file}: ${file.rowsRead} rows read ≠ ${file.rowsLoaded} loaded + ${file.rowsQuarantined} rejected`
      );
    const ofFile = `ingest_id = ${result.ingestId ?? -1} AND file = ${sql(file.file)}`;
    if (file.status !== "loaded") {
      if (file.rowsRead !== 0) found.push(`${file.file}: ${file.status}, yet ${file.rowsRead} rows read`);
      if (file.valuesSetAside !== 0)
        found.push(`${file.file}: ${file.status}, yet ${file.valuesSetAside} values set aside`);
      const entries = await query(`SELECT count(*)::INTEGER AS n FROM quarantine WHERE ${ofFile}`);
      if (entries[0].n !== 0) found.push(`${file.file}: ${file.status}, yet ${entries[0].n} entries in quarantine`);
      continue;
    }
    const loaded = (
      await query(
        `SELECT _line FROM ${file.entity} WHERE _ingest_id = ${result.ingestId} AND _file = ${sql(file.file)}`
      )
    ).map((row) => Number(row._line));
    const rejected = (await query(`SELECT DISTINCT line FROM quarantine WHERE ${ofFile} AND ${REJECTS_ROW}`)).map(
      (row) => Number(row.line)
    );
    const setAside = (await query(`SELECT line FROM quarantine WHERE ${ofFile} AND ${SETS_VALUE_ASIDE}`)).map((row) =>
      Number(row.line)
    );
    if (loaded.length !== file.rowsLoaded)
      found.push(`${file.file}: ${file.rowsLoaded} rows reported loaded, ${loaded.length} in ${file.entity}`);
    if (rejected.length !== file.rowsQuarantined)
      found.push(`${file.file}: ${file.rowsQuarantined} rows reported rejected, ${rejected.length} in quarantine`);
    if (setAside.length !== file.valuesSetAside)
      found.push(`${file.file}: ${file.valuesSetAside} values reported set aside, ${setAside.length} in quarantine`);
    if (new Set(loaded).size !== loaded.length) found.push(`${file.file}: two loaded rows share a line`);
    const loadedLines = new Set(loaded);
    const both = rejected.filter((line) => loadedLines.has(line));
    if (both.length > 0) found.push(`${file.file}: lines ${both.join(", ")} both loaded and rejected`);
    const notLoaded = [...new Set(setAside.filter((line) => !loadedLines.has(line)))];
    if (notLoaded.length > 0)
      found.push(`${file.file}: values set aside on lines ${notLoaded.join(", ")}, which were not loaded`);
  }
  const recorded = await query(
    `SELECT file, status, rows_read::INTEGER AS n, (rows_loaded + rows_quarantined)::INTEGER AS m,
       rows_quarantined::INTEGER AS rejected, values_set_aside::INTEGER AS set_aside
     FROM ingest_files WHERE ingest_id = ${result.ingestId ?? -1}`
  );
  for (const row of recorded) {
    if (row.n !== row.m) found.push(`ingest_files: ${row.file} records ${row.n} ≠ ${row.m}`);
    const report = result.files.find((file) => file.file === row.file);
    if (!report) found.push(`ingest_files: ${row.file} is not in the ingest's report`);
    else if (row.rejected !== report.rowsQuarantined || row.set_aside !== report.valuesSetAside)
      found.push(
        `ingest_files: ${row.file} records ${row.rejected} rows rejected and ${row.set_aside} values set aside, ` +
          `its report ${report.rowsQuarantined} and ${report.valuesSetAside}`
      );
  }
  for (const file of result.files)
    if (file.status !== "unchanged" && !recorded.some((row) => row.file === file.file))
      found.push(`ingest_files: no record of ${file.file}`);
  if (result.ingestId !== null) {
    const [ingest] = await query(
      `SELECT rows_read::INTEGER AS n, rows_quarantined::INTEGER AS rejected, values_set_aside::INTEGER AS set_aside
       FROM ingests WHERE ingest_id = ${result.ingestId}`
    );
    if (!ingest) found.push(`ingests: no record of ingest ${result.ingestId}`);
    else if (ingest.n !== rowsRead || ingest.rejected !== rowsQuarantined || ingest.set_aside !== result.valuesSetAside)
      found.push(
        `ingests: records ${ingest.n} read, ${ingest.rejected} rejected, ${ingest.set_aside} set aside; ` +
          `the ingest reports ${rowsRead}, ${rowsQuarantined}, ${result.valuesSetAside}`
      );
  }
  return found;
}
