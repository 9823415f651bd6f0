import {appendFileSync} from "node:fs";
import {resolve} from "node:path";
import {Command} from "commander";
import {readProjectConfig} from "../config/project-config.ts";
import {siteLocale} from "../site/site-locale.ts";
import {formatIngestSummary} from "./format-ingest-summary.ts";
import {siteLine} from "./site-line.ts";

export function rebuildCommand(): Command {
  return new Command("rebuild")
    .description(
      "ingest what is new in the exports folder, then rebuild the site with dist/build-report.json; " +
        "a failed rebuild keeps the previous site"
    )
    .option("--exports <dir>", 'exports folder (default: "exports" of shangji.config.json)')
    .option("--warehouse <path>", 'warehouse file (default: "warehouse" of shangji.config.json)')
    .option("--out <dir>", 'output folder (default: "out" of shangji.config.json)')
    .option("--summary <file>", "append a Markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY)")
    .option("--fresh", "compute every page again, even when nothing it reads changed")
    .option("-q, --quiet", "less output")
    .action(async (options) => {
      const config = readProjectConfig();
      const {rebuild, rebuildSummary} = await import("../site/rebuild.ts");
      const log = (line: string) => options.quiet || process.stderr.write(`${line}\n`);
      const result = await rebuild({
        exports: resolve(options.exports ?? config.exports),
        warehouse: resolve(options.warehouse || process.env.SHANGJI_WAREHOUSE || config.warehouse),
        out: resolve(options.out ?? config.out),
        locale: process.env.SHANGJI_LOCALE ? siteLocale() : config.locale,
        hide: config.publish.hide,
        access: config.publish.access,
        passphrase: process.env.SHANGJI_SITE_PASSPHRASE,
        filterValues: process.env.SHANGJI_FILTER_VALUES ? undefined : config.site.filterValues,
        followUp: config.followUp,
        displayNames: config.displayNames,
        archive: config.archive,
        reportingCurrency: config.reportingCurrency,
        fresh: options.fresh,
        quiet: options.quiet,
        progress: log
      });
      log(formatIngestSummary(result.ingest));
      log(`${siteLine(result.site)} in ${result.report.durations.totalSeconds.toFixed(1)} s`);
      if (options.summary) appendFileSync(options.summary, rebuildSummary(result));
      process.exitCode = result.exitCode;
    });
}
