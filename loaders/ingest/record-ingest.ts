/** The bookkeeping of an ingest: which files are new, the opportunity snapshot, and the counts it records. */
import type {DuckDBConnection} from "@duckdb/node-api";
import type {IngestResult} from "./ingest.ts";
import {INGEST_OPPORTUNITY_ROWS} from "./keep-newer-rows.ts";

export async function unloadedFiles(
  connection: DuckDBConnection,
  hashes: {file: string; sha256: string}[]
): Promise<string[]> {
  const reader = await connection.runAndReadAll(`SELECT DISTINCT sha256 FROM ingest_files WHERE status = 'loaded'`);
  return uniqueFiles(hashes, new Set(reader.getRows().map((row) => String(row[0]))));
}

/** The files with content not among `skip`, a content given twice once (the first of its names). */
export function uniqueFiles(hashes: {file: string; sha256: string}[], skip = new Set<string>()): string[] {
  const seen = new Set(skip);
  return hashes.filter(({sha256}) => !seen.has(sha256) && seen.add(sha256)).map(({file}) => file);
}

/** What each opportunity looked like in this export: the basis for pipeline changes and derived stage history. */
export async function recordSnapshots(connection: DuckDBConnection, ingestId: number, exportedAt: string) {
  await connection.run(
    `INSERT OR REPLACE INTO opportunity_snapshots
     SELECT $ingest, CAST($exported AS TIMESTAMP), opportunity_id, stage, outcome, amount, currency, expected_close_at
     FROM (${INGEST_OPPORTUNITY_ROWS})`,
    {ingest: ingestId, exported: exportedAt.replace("Z", "")}
  );
}

export async function summarise(connection: DuckDBConnection, ingestId: number, result: IngestResult) {
  for (const file of result.files) {
    result.rowsRead += file.rowsRead;
    result.rowsLoaded += file.rowsLoaded;
    result.rowsQuarantined += file.rowsQuarantined;
    result.valuesSetAside += file.valuesSetAside;
  }
  const reasons = await connection.runAndReadAll(
    `SELECT rule, count(*)::INTEGER AS count FROM quarantine WHERE ingest_id = $id GROUP BY rule ORDER BY count DESC, rule`,
    {id: ingestId}
  );
  result.reasons = reasons.getRowObjectsJS() as {rule: string; count: number}[];
  const examples = await connection.runAndReadAll(
    `SELECT file, line, "column" AS column, value, reason FROM quarantine WHERE ingest_id = $id ORDER BY file, line LIMIT 10`,
    {id: ingestId}
  );
  result.examples = examples.getRowObjectsJS() as IngestResult["examples"];
}

export async function recordIngest(
  connection: DuckDBConnection,
  ingestId: number,
  exportedAt: string,
  result: IngestResult,
  hashes: {file: string; sha256: string; bytes: number}[],
  fullExport: boolean
) {
  const loadedFiles = result.files.filter((f) => f.status !== "unchanged");
  await connection.run(
    `INSERT INTO ingests (ingest_id, started_at, finished_at, exported_at, files, rows_read, rows_loaded, rows_quarantined,
       status, summary, values_set_aside)
     VALUES ($id, now()::TIMESTAMP, now()::TIMESTAMP, CAST($exported AS TIMESTAMP), $files, $read, $loaded, $quarantined,
       $status, $summary, $set_aside)`,
    {
      id: ingestId,
      exported: exportedAt.replace("Z", ""),
      files: loadedFiles.length,
      read: result.rowsRead,
      loaded: result.rowsLoaded,
      quarantined: result.rowsQuarantined,
      set_aside: result.valuesSetAside,
      status: loadedFiles.some((f) => f.status === "rejected") ? "partial" : "loaded",
      summary: JSON.stringify({references: result.references, reasons: result.reasons, removed: result.removed})
    }
  );
  if (fullExport) await connection.run(`INSERT INTO full_exports VALUES ($id)`, {id: ingestId});
  for (const report of loadedFiles) {
    // a worksheet is reported as file#sheet; a file name may itself hold a # ("export #2.csv")
    const hash =
      hashes.find((h) => h.file === report.file) ?? hashes.find((h) => report.file.startsWith(`${h.file}#`))!;
    await connection.run(
      `INSERT OR REPLACE INTO ingest_files (ingest_id, file, sha256, bytes, entity, preset, encoding, format, rows_read,
         rows_loaded, rows_quarantined, status, message, values_set_aside)
       VALUES ($id, $file, $sha, $bytes, $entity, $source, $encoding, $format, $read, $loaded, $quarantined, $status,
         $message, $set_aside)`,
      {
        id: ingestId,
        file: report.file,
        sha: hash.sha256,
        bytes: hash.bytes,
        entity: report.entity ?? null,
        source: report.source ?? null,
        encoding: report.encoding ?? null,
        format: report.format ?? null,
        read: report.rowsRead,
        loaded: report.rowsLoaded,
        quarantined: report.rowsQuarantined,
        set_aside: report.valuesSetAside,
        status: report.status,
        message: report.message ?? null
      }
    );
  }
}
