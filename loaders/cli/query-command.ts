import {Command, Option} from "commander";
import {stringify} from "csv-stringify/sync";
import {openWarehouse, warehousePath} from "../warehouse/open-warehouse.ts";
import {CliError} from "./cli-error.ts";
import {formatTable} from "./format-table.ts";

export function queryCommand(): Command {
  return new Command("query")
    .description("run read-only SQL against the warehouse; results on stdout")
    .argument("<sql>", 'the SQL, e.g. "select stage, count(*) from opportunities group by 1"')
    .addOption(new Option("--format <format>", "output format").choices(["table", "csv", "json"]).default("table"))
    .option("--warehouse <path>", "warehouse file (default: $SHANGJI_WAREHOUSE or data/warehouse.duckdb)")
    .action(async (sql: string, options) => {
      const warehouse = await openWarehouse(warehousePath(options.warehouse), {readOnly: true});
      try {
        let reader;
        try {
          reader = await warehouse.connection.runAndReadAll(sql);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const hint = /read-only|read only/i.test(message) ? " (shangji query is read-only)" : "";
          throw new CliError(`query failed${hint}: ${message.split("\n")[0]}`, {exitCode: 1, cause: error});
        }
        const columns = reader.columnNames();
        const rows = reader
          .getRowsJson()
          .map((row) =>
            row.map((value) => (value === null ? null : typeof value === "object" ? JSON.stringify(value) : value))
          );
        if (options.format === "json") {
          const objects = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
          process.stdout.write(`${JSON.stringify(objects, null, 2)}\n`);
        } else if (options.format === "csv") {
          process.stdout.write(
            stringify([columns, ...rows.map((row) => row.map((v) => (v === null ? "" : String(v))))])
          );
        } else {
          process.stdout.write(`${formatTable(columns, rows)}\n`);
        }
      } finally {
        warehouse.close();
      }
    });
}
