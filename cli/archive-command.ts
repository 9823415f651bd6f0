import {resolve} from "node:path";
import {Command} from "commander";
import {archiveFolder} from "../warehouse/archive-manifest.ts";
import {warehousePath} from "../warehouse/open-warehouse.ts";

export function archiveCommand(): Command {
  return new Command("archive")
    .description(
      "write the warehouse's tables to its archive as Parquet now (ingest, rebuild and redate do it after every " +
        "change) and print the archive folder; `shangji restore` rebuilds the warehouse from it"
    )
    .option("--warehouse <path>", "warehouse file (default: $SHANGJI_WAREHOUSE or data/warehouse.duckdb)")
    .option("--out <dir>", "archive folder (default: next to the warehouse, data/warehouse.archive)")
    .option("--print-folder", "only print the archive folder")
    .action(async (options) => {
      const {archiveWarehouse} = await import("../warehouse/archive-warehouse.ts");
      const warehouse = warehousePath(options.warehouse);
      const folder = resolve(options.out ?? archiveFolder(warehouse));
      if (!options.printFolder) await archiveWarehouse(warehouse, folder);
      process.stdout.write(`${folder}\n`);
    });
}
