import {Command, InvalidArgumentError} from "commander";
import {readProjectConfig} from "../config/project-config.ts";
import {updateArchive} from "../warehouse/archive-warehouse.ts";
import {warehousePath} from "../warehouse/open-warehouse.ts";

export function redateCommand(): Command {
  return new Command("redate")
    .description(
      "set when the export of an ingest was taken (the latest ingest by default); the site follows at the next build"
    )
    .argument("<date>", "an ISO date, or a date-time with its offset: 2017-12-31, 2017-12-31T18:00:00+08:00")
    .option("--ingest <id>", 'the ingest to redate (shangji query "select * from ingests")', ingestId)
    .option("--warehouse <path>", "warehouse file (default: $SHANGJI_WAREHOUSE or data/warehouse.duckdb)")
    .action(async (date: string, options) => {
      const {redateIngest} = await import("../loaders/ingest/redate-ingest.ts");
      const {archive} = readProjectConfig();
      const warehouse = warehousePath(options.warehouse);
      const redated = await redateIngest(warehouse, date, options.ingest);
      if (archive) await updateArchive(warehouse, {changed: true});
      process.stderr.write(
        `ingest ${redated.ingestId}: the export is dated ${redated.exportedAt} (was ${redated.previous}); ` +
          `run shangji build to move the site's periods\n`
      );
    });
}

function ingestId(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("an ingest id is a whole number");
  return Number(value);
}
