import {Command} from "commander";
import {warehousePath} from "../warehouse/open-warehouse.ts";

export function buildCommand(): Command {
  return new Command("build")
    .description("build the reporting site into dist/; ingests the bundled sample first when no warehouse exists")
    .option("--warehouse <path>", "warehouse file (default: $SHANGJI_WAREHOUSE or data/warehouse.duckdb)")
    .option("--sample <dir>", "exports to ingest when the warehouse does not exist yet", "data/sample")
    .option("-q, --quiet", "less output")
    .action(async (options) => {
      const {buildSite} = await import("../site/build-site.ts");
      await buildSite({warehouse: warehousePath(options.warehouse), sample: options.sample, quiet: options.quiet});
    });
}
