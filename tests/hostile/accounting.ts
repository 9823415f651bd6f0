import type {IngestResult} from "../../loaders/ingest/ingest.ts";
import type {Query} from "./hostile-case.ts";

const sql = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Every way a row could go missing without a word, as a list of discrepancies (empty when none): the
 * counts of an ingest must add up, per file and in total, and agree with the rows the warehouse holds —
 * each loaded row in its table and each quarantined one in `quarantine`, never both, never twice.
 */
export async function silentLosses(result: IngestResult, query: Query): Promise<string[]> {
  const found: string[] = [];
  const {rowsRead, rowsLoaded, rowsQuarantined} = result;
  if (rowsRead !== rowsLoaded + rowsQuarantined)
    found.push(`ingest: ${rowsRead} rows read ≠ ${rowsLoaded} loaded + ${rowsQuarantined} quarantined`);
  for (const key of ["rowsRead", "rowsLoaded", "rowsQuarantined"] as const) {
    const sum = result.files.reduce((n, file) => n + file[key], 0);
    if (sum !== result[key]) found.push(`ingest: ${key} ${result[key]} ≠ the files' ${sum}`);
  }
  for (const file of result.files) {
    if (file.rowsRead !== file.rowsLoaded + file.rowsQuarantined)
      found.push(
        `${file.file}: ${file.rowsRead} rows read ≠ ${file.rowsLoaded} loaded + ${file.rowsQuarantined} quarantined`
      );
    if (file.status !== "loaded") {
      if (file.rowsRead !== 0) found.push(`${file.file}: ${file.status}, yet ${file.rowsRead} rows read`);
      continue;
    }
    const loaded = (
      await query(
        `SELECT _line FROM ${file.entity} WHERE _ingest_id = ${result.ingestId} AND _file = ${sql(file.file)}`
      )
    ).map((row) => Number(row._line));
    const quarantined = (
      await query(
        `SELECT DISTINCT line FROM quarantine WHERE ingest_id = ${result.ingestId} AND file = ${sql(file.file)}`
      )
    ).map((row) => Number(row.line));
    if (loaded.length !== file.rowsLoaded)
      found.push(`${file.file}: ${file.rowsLoaded} rows reported loaded, ${loaded.length} in ${file.entity}`);
    if (quarantined.length !== file.rowsQuarantined)
      found.push(
        `${file.file}: ${file.rowsQuarantined} rows reported quarantined, ${quarantined.length} in quarantine`
      );
    if (new Set(loaded).size !== loaded.length) found.push(`${file.file}: two loaded rows share a line`);
    const both = loaded.filter((line) => quarantined.includes(line));
    if (both.length > 0) found.push(`${file.file}: lines ${both.join(", ")} both loaded and quarantined`);
  }
  const recorded = await query(
    `SELECT file, status, rows_read::INTEGER AS n, (rows_loaded + rows_quarantined)::INTEGER AS m
     FROM ingest_files WHERE ingest_id = ${result.ingestId ?? -1}`
  );
  for (const row of recorded) if (row.n !== row.m) found.push(`ingest_files: ${row.file} records ${row.n} ≠ ${row.m}`);
  return found;
}
