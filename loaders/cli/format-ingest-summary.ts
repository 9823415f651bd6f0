import type {IngestResult} from "../ingest/ingest.ts";

const n = (value: number) => value.toLocaleString("en");

/** The human summary of an ingest: per file counts, rejected files, reasons and the first quarantined rows. */
export function formatIngestSummary(result: IngestResult): string {
  const lines: string[] = [];
  if (result.ingestId === null) {
    lines.push(`nothing new: ${result.files.length} file(s) already loaded`);
    return lines.join("\n");
  }
  lines.push(`ingest ${result.ingestId} (export of ${result.exportedAt.slice(0, 10)}):`);
  for (const file of result.files) {
    if (file.status === "loaded") {
      const bad = file.rowsQuarantined ? `, ${n(file.rowsQuarantined)} quarantined` : "";
      lines.push(`  ${file.file} → ${file.entity}: ${n(file.rowsRead)} read, ${n(file.rowsLoaded)} loaded${bad}`);
    } else if (file.status === "rejected") {
      lines.push(`  ${file.file}: rejected: ${file.message}`);
    } else {
      lines.push(`  ${file.file}: unchanged since an earlier ingest, skipped`);
    }
  }
  lines.push(
    `total: ${n(result.rowsRead)} rows read = ${n(result.rowsLoaded)} loaded + ${n(result.rowsQuarantined)} quarantined`
  );
  if (result.reasons.length > 0) {
    lines.push(`quarantined by reason: ${result.reasons.map((r) => `${r.rule} ${n(r.count)}`).join(", ")}`);
    for (const e of result.examples) {
      const column = e.column ? ` column "${e.column}"` : "";
      lines.push(`  ${e.file}:${e.line}${column}: ${e.reason}`);
    }
    lines.push(`all quarantined rows: shangji query "select * from quarantine where ingest_id = ${result.ingestId}"`);
  }
  for (const ref of result.references) {
    if (ref.resolvedByName > 0)
      lines.push(`resolved ${n(ref.resolvedByName)} ${ref.table}.${ref.column} names to ${ref.references} ids`);
    if (ref.orphans > 0) {
      lines.push(
        `kept ${n(ref.orphans)} ${ref.table} whose ${ref.column} matches no ${ref.references} row (e.g. "${ref.example}")`
      );
    }
  }
  return lines.join("\n");
}
