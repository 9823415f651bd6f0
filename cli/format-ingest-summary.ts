import type {IngestResult} from "../loaders/ingest/ingest.ts";

const n = (value: number) => value.toLocaleString("en");

/** The human summary of an ingest: per file counts, rejected files, reasons and the first quarantined rows. */
export function formatIngestSummary(result: IngestResult): string {
  const lines: string[] = [];
  const warnings = result.warnings.map((warning) => `warning: ${warning}`);
  if (result.ingestId === null) {
    lines.push(`nothing new: ${result.files.length} file(s) already loaded`, ...warnings);
    return lines.join("\n");
  }
  lines.push(`ingest ${result.ingestId} (export of ${result.exportedAt.slice(0, 10)}):`, ...warnings);
  for (const file of result.files) {
    if (file.status === "loaded") {
      const bad = file.rowsQuarantined ? `, ${n(file.rowsQuarantined)} rejected` : "";
      const aside = file.valuesSetAside ? `, ${n(file.valuesSetAside)} ${values(file.valuesSetAside)} set aside` : "";
      const note = file.message ? ` (${file.message})` : "";
      lines.push(
        `  ${file.file} → ${file.entity}: ${n(file.rowsRead)} read, ${n(file.rowsLoaded)} loaded${bad}${aside}${note}`
      );
    } else if (file.status === "rejected") {
      lines.push(`  ${file.file}: rejected: ${file.message}`);
    } else {
      lines.push(`  ${file.file}: unchanged since an earlier ingest, skipped`);
    }
  }
  lines.push(
    `total: ${n(result.rowsRead)} rows read = ${n(result.rowsLoaded)} loaded + ${n(result.rowsQuarantined)} rejected` +
      (result.valuesSetAside
        ? `; ${n(result.valuesSetAside)} ${values(result.valuesSetAside)} of loaded rows set aside`
        : "")
  );
  if (result.reasons.length > 0) {
    lines.push(`in the quarantine, by rule: ${result.reasons.map((r) => `${r.rule} ${n(r.count)}`).join(", ")}`);
    for (const e of result.examples) {
      const column = e.column ? ` column "${e.column}"` : "";
      lines.push(`  ${e.file}:${e.line}${column}: ${e.reason}`);
    }
    lines.push(`all of them: shangji query "select * from quarantine where ingest_id = ${result.ingestId}"`);
  }
  if (result.removed.count > 0)
    lines.push(
      `removed: ${n(result.removed.count)} opportunities this full export no longer holds left the pipeline ` +
        `(e.g. ${result.removed.examples.join(", ")}); all of them: shangji query "select * from removed_opportunities"`
    );
  for (const ref of result.references) {
    if (ref.resolvedByName > 0)
      lines.push(`resolved ${n(ref.resolvedByName)} ${ref.table}.${ref.column} names to ${ref.references} ids`);
    if (ref.orphans > 0) {
      lines.push(
        `kept ${n(ref.orphans)} ${ref.table} whose ${ref.column} matches no ${ref.references} row (e.g. "${ref.example}")`
      );
    }
  }
  for (const miss of result.productNearMisses) {
    const carriers = [
      miss.n_opportunities
        ? `${n(miss.n_opportunities)} ${miss.n_opportunities === 1 ? "opportunity" : "opportunities"}`
        : "",
      miss.n_quotes ? `${n(miss.n_quotes)} ${miss.n_quotes === 1 ? "quote" : "quotes"}` : ""
    ].filter(Boolean);
    lines.push(
      `products: "${miss.value}" (${carriers.join(", ")}) is not in the catalogue; it probably means ` +
        `"${miss.probable_name}" — add it under "products" in a mapping file`
    );
  }
  return lines.join("\n");
}

const values = (count: number) => (count === 1 ? "value" : "values");
