import {Command} from "commander";
import {warehousePath} from "../warehouse/open-warehouse.ts";

export function restoreCommand(): Command {
  return new Command("restore")
    .description("rebuild the warehouse from an archive (<warehouse>.archive/, written after every ingest)")
    .argument("<archive>", "archive folder, e.g. data/warehouse.archive")
    .option("--warehouse <path>", "warehouse file (default: $SHANGJI_WAREHOUSE or data/warehouse.duckdb)")
    .option("--force", "replace the warehouse if it exists")
    .action(async (archive: string, options) => {
      const {restoreWarehouse} = await import("../warehouse/restore-warehouse.ts");
      const restored = await restoreWarehouse(archive, warehousePath(options.warehouse), {force: options.force});
      process.stderr.write(
        `restored ${restored.warehouse}: ${restored.tables} tables, ${restored.rows.toLocaleString("en")} rows` +
          (restored.nextIngestId === null ? "" : `; the next ingest is ${restored.nextIngestId}`) +
          "\n"
      );
    });
}
