import {Command} from "commander";
import {readProjectConfig} from "../config/project-config.ts";
import {SAMPLE_EXPORTS} from "../site/sample-exports.ts";
import {siteLocale} from "../site/site-locale.ts";
import {warehousePath} from "../warehouse/open-warehouse.ts";
import {formatIngestSummary} from "./format-ingest-summary.ts";
import {siteLine} from "./site-line.ts";

export function buildCommand(): Command {
  return new Command("build")
    .description("build the reporting site into dist/; ingests the bundled sample first when no warehouse exists")
    .option("--warehouse <path>", "warehouse file (default: $SHANGJI_WAREHOUSE or data/warehouse.duckdb)")
    .option(
      "--sample <dirs...>",
      "export folders to ingest, oldest first, when the warehouse does not exist yet",
      SAMPLE_EXPORTS
    )
    .option("--out <dir>", "output folder", "dist")
    .option("--fresh", "compute every page again, even when nothing it reads changed")
    .option("-q, --quiet", "less output")
    .action(async (options) => {
      const {buildSite} = await import("../site/build-site.ts");
      const config = readProjectConfig();
      const report = await buildSite({
        warehouse: warehousePath(options.warehouse),
        samples: options.sample,
        out: options.out,
        locale: process.env.SHANGJI_LOCALE ? siteLocale() : config.locale,
        hide: config.publish.hide,
        access: config.publish.access,
        passphrase: process.env.SHANGJI_SITE_PASSPHRASE,
        filterValues: process.env.SHANGJI_FILTER_VALUES ? undefined : config.site.filterValues,
        fresh: options.fresh,
        followUp: config.followUp,
        displayNames: config.displayNames,
        quiet: options.quiet
      });
      if (options.quiet) return;
      for (const ingest of report.sampleIngests) process.stderr.write(`${formatIngestSummary(ingest)}\n`);
      process.stderr.write(`${siteLine(report)} from ${report.warehouse}\n`);
    });
}
