import {existsSync, readFileSync} from "node:fs";
import {basename, join} from "node:path";
import {CliError, EXIT} from "../config/cli-error.ts";
import {ingest, type IngestResult} from "../loaders/ingest/ingest.ts";
import {updateArchive} from "../warehouse/archive-warehouse.ts";
import {openWarehouse} from "../warehouse/open-warehouse.ts";
import {readRows} from "../warehouse/read-rows.ts";
import {rowCountsSql} from "../warehouse/row-counts-sql.ts";
import {ENTITY_NAMES} from "../warehouse/schema/entities.ts";
import {buildSite, type BuildReport, type BuildSiteOptions} from "./build-site.ts";
import {replaceFile} from "./replace-file.ts";
import type {SiteLocale} from "./site-locale.ts";
import type {HiddenDimension} from "./hidden-names.ts";
import type {PublishAccess} from "../config/project-config.ts";
import {openSealed, requirePassphrase, sealBytes, type SiteCipher} from "./seal-site.ts";

export interface RebuildOptions {
  exports: string;
  warehouse: string;
  out: string;
  locale: SiteLocale;
  hide?: HiddenDimension[];
  access?: PublishAccess;
  /** write the warehouse's archive after the ingest (default true) */
  archive?: boolean;
  /** the passphrase of a password-protected site (SHANGJI_SITE_PASSPHRASE) */
  passphrase?: string;
  filterValues?: number;
  /** compute every page again (buildSite's `fresh`) */
  fresh?: boolean;
  /** shangji.config.json's followUp */
  followUp?: BuildSiteOptions["followUp"];
  /** shangji.config.json's displayNames */
  displayNames?: BuildSiteOptions["displayNames"];
  /** shangji.config.json's reportingCurrency */
  reportingCurrency?: string;
  quiet?: boolean;
  progress?: (line: string) => void;
}

export interface RebuildResult {
  ingest: IngestResult;
  site: BuildReport;
  /** 0 built from clean input; 5 built, but this run quarantined rows or rejected files */
  exitCode: number;
  report: RebuildReport;
}

/** What `dist/build-report.json` records of a rebuild besides the site's own facts. */
export interface RebuildReport {
  exports: string;
  warehouseState: {duckdb: string; latestIngestId: number | null; exportedAt: string | null};
  ingest: {
    ingestId: number | null;
    filesLoaded: number;
    filesUnchanged: number;
    filesRejected: {file: string; message: string}[];
    rowsRead: number;
    rowsLoaded: number;
    rowsQuarantined: number;
    valuesSetAside: number;
    quarantinedByReason: {rule: string; count: number}[];
  };
  rowCounts: Record<string, number>;
  quarantinedTotal: number;
  durations: {ingestSeconds: number; siteSeconds: number; totalSeconds: number};
}

/**
 * The nightly job: ingests what is new in the exports folder (files already loaded are skipped), then
 * rebuilds the whole site with a build report. The site is built into a staging folder and swapped in
 * only when complete, so a failure at any step leaves the previous site as it was.
 */
export async function rebuild(options: RebuildOptions): Promise<RebuildResult> {
  if (!existsSync(options.exports)) {
    throw new CliError(
      `no exports folder at ${options.exports}; set "exports" in shangji.config.json or pass --exports`,
      {
        exitCode: EXIT.missing
      }
    );
  }
  // before the ingest: a site that cannot be built should not leave a changed warehouse behind
  if (options.access === "password") requirePassphrase(options.passphrase);
  const began = performance.now();
  const ingested = await ingest({
    paths: [options.exports],
    warehouse: options.warehouse,
    progress: options.progress,
    reportingCurrency: options.reportingCurrency
  });
  // before the site: history is kept even when the site cannot be built
  if (options.archive !== false) await updateArchive(options.warehouse, {changed: ingested.ingestId !== null});
  const ingestSeconds = (performance.now() - began) / 1000;
  const state = await readWarehouseState(options.warehouse);
  const rejected = ingested.files.filter((f) => f.status === "rejected");
  const report: RebuildReport = {
    exports: basename(options.exports),
    warehouseState: state.version,
    ingest: {
      ingestId: ingested.ingestId,
      filesLoaded: ingested.files.filter((f) => f.status === "loaded").length,
      filesUnchanged: ingested.files.filter((f) => f.status === "unchanged").length,
      filesRejected: rejected.map((f) => ({file: basename(f.file), message: f.message ?? ""})),
      rowsRead: ingested.rowsRead,
      rowsLoaded: ingested.rowsLoaded,
      rowsQuarantined: ingested.rowsQuarantined,
      valuesSetAside: ingested.valuesSetAside,
      quarantinedByReason: ingested.reasons
    },
    rowCounts: state.rowCounts,
    quarantinedTotal: state.quarantinedTotal,
    durations: {ingestSeconds, siteSeconds: 0, totalSeconds: 0}
  };
  const siteBegan = performance.now();
  let site: BuildReport;
  try {
    site = await buildSite({
      warehouse: options.warehouse,
      out: options.out,
      locale: options.locale,
      hide: options.hide,
      access: options.access,
      passphrase: options.passphrase,
      filterValues: options.filterValues,
      fresh: options.fresh,
      followUp: options.followUp,
      displayNames: options.displayNames,
      quiet: options.quiet,
      report: {...report, durations: undefined}
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`rebuild failed, the previous site in ${options.out} is kept: ${message}`, {
      exitCode: EXIT.failed,
      cause: error
    });
  }
  report.durations = {
    ingestSeconds,
    siteSeconds: (performance.now() - siteBegan) / 1000,
    totalSeconds: (performance.now() - began) / 1000
  };
  await patchReportDurations(site.out, report.durations, site.cipher);
  const quarantined = ingested.rowsQuarantined > 0 || ingested.valuesSetAside > 0;
  const exitCode = rejected.length > 0 || quarantined ? EXIT.quarantined : EXIT.ok;
  return {ingest: ingested, site, exitCode, report};
}

async function readWarehouseState(path: string) {
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const {connection} = warehouse;
    const [latest] = await readRows<{
      id: number | null;
      exported_at: string | null;
      duckdb: string;
      quarantined: number;
    }>(
      connection,
      `SELECT max(ingest_id) AS id, strftime(max(exported_at), '%Y-%m-%dT%H:%M:%SZ') AS exported_at,
         version() AS duckdb, coalesce(sum(rows_quarantined), 0)::BIGINT AS quarantined FROM ingests`
    );
    const counts = await readRows<{table: string; n_rows: number}>(connection, rowCountsSql(ENTITY_NAMES));
    return {
      version: {duckdb: latest.duckdb, latestIngestId: latest.id, exportedAt: latest.exported_at},
      rowCounts: Object.fromEntries(counts.map((c) => [c.table, c.n_rows])),
      quarantinedTotal: Number(latest.quarantined)
    };
  } finally {
    warehouse.close();
  }
}

/**
 * The durations are known only once the site is published: added to its report afterwards, sealed again
 * with the build's key when the site is password-protected.
 */
async function patchReportDurations(out: string, durations: RebuildReport["durations"], cipher?: SiteCipher) {
  const file = join(out, "build-report.json");
  const bytes = readFileSync(file);
  const report = JSON.parse((cipher ? await openSealed(bytes, cipher) : bytes).toString("utf8"));
  const text = `${JSON.stringify({...report, durations}, null, 2)}\n`;
  replaceFile(file, cipher ? sealBytes(text, cipher) : text);
}

function siteSummary(site: BuildReport): string {
  const size = `${site.files} files, ${site.pages.length} pages, ${site.seconds.toFixed(1)} s`;
  if (site.unchanged) return `unchanged, kept (${size})`;
  return `${size}; page data ${site.pageData.computed} computed, ${site.pageData.reused} reused`;
}

/** A Markdown summary of a rebuild for a CI job summary: counts, rejected files and quarantine reasons. */
export function rebuildSummary(result: RebuildResult): string {
  const {ingest: i} = result.report;
  const lines = [
    `## Shangji rebuild ${result.exitCode === EXIT.ok ? "✅" : "⚠️ input problems"}`,
    "",
    `| | |`,
    `| --- | --- |`,
    `| ingest | ${i.ingestId ?? "nothing new"} |`,
    `| files loaded / unchanged / rejected | ${i.filesLoaded} / ${i.filesUnchanged} / ${i.filesRejected.length} |`,
    `| rows read = loaded + rejected | ${i.rowsRead} = ${i.rowsLoaded} + ${i.rowsQuarantined} |`,
    `| values of loaded rows set aside | ${i.valuesSetAside} |`,
    `| site | ${siteSummary(result.site)} |`
  ];
  if (i.filesRejected.length) {
    lines.push("", "### Rejected files", "", ...i.filesRejected.map((f) => `- \`${f.file}\`: ${f.message}`));
  }
  if (i.quarantinedByReason.length) {
    lines.push(
      "",
      "### In the quarantine, by rule",
      "",
      ...i.quarantinedByReason.map((r) => `- ${r.rule}: ${r.count}`)
    );
  }
  return `${lines.join("\n")}\n`;
}
