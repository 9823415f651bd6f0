import {Command, Option} from "commander";
import {readProjectConfig} from "../config/project-config.ts";
import {ingest} from "../loaders/ingest/ingest.ts";
import {PRESET_NAMES, type PresetName} from "../loaders/presets/preset.ts";
import {updateArchive} from "../warehouse/archive-warehouse.ts";
import {warehousePath} from "../warehouse/open-warehouse.ts";
import {EXIT} from "../config/cli-error.ts";
import {formatIngestSummary} from "./format-ingest-summary.ts";

export function ingestCommand(): Command {
  return new Command("ingest")
    .description("load CRM exports (CSV, TSV, XLSX; UTF-8 or GBK) into the warehouse")
    .argument("<paths...>", "export files, or folders of exports")
    .addOption(
      new Option("--preset <name>", "header preset (default: recognised from the headers)").choices(PRESET_NAMES)
    )
    .option("--mapping <file.json>", "mapping file for exports no preset knows")
    .option("--warehouse <path>", "warehouse file (default: $SHANGJI_WAREHOUSE or data/warehouse.duckdb)")
    .option("--exported-at <date>", "when the export was taken (default: now)")
    .option("--full", "the export holds every opportunity: those it lacks were removed in the CRM")
    .option("--strict", "exit with code 5 when any row is rejected or any value set aside")
    .option("--json", "print the ingest result as JSON on stdout")
    .option("-q, --quiet", "no progress or summary on stderr")
    .action(async (paths: string[], options) => {
      const log = (line: string) => options.quiet || process.stderr.write(`${line}\n`);
      const result = await ingest({
        paths,
        warehouse: warehousePath(options.warehouse),
        preset: options.preset as PresetName | undefined,
        mapping: options.mapping,
        exportedAt: options.exportedAt,
        fullExport: options.full,
        progress: log,
        reportingCurrency: readProjectConfig().reportingCurrency
      });
      if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      log(formatIngestSummary(result));
      if (readProjectConfig().archive)
        await updateArchive(warehousePath(options.warehouse), {changed: result.ingestId !== null});
      const rejected = result.files.some((f) => f.status === "rejected");
      const quarantined = result.rowsQuarantined > 0 || result.valuesSetAside > 0;
      if (rejected || (options.strict && quarantined)) process.exitCode = EXIT.quarantined;
    });
}
