import {Command, Option} from "commander";
import {stringify} from "csv-stringify/sync";
import {openWarehouse, warehousePath} from "../warehouse/open-warehouse.ts";
import {readRowsWithColumns} from "../warehouse/read-rows.ts";
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
        let rows: Record<string, unknown>[];
        let columns: string[];
        try {
          ({rows, columns} = await readRowsWithColumns(warehouse.connection, sql));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const hint = /read-only|read only/i.test(message) ? " (shangji query is read-only)" : "";
          throw new CliError(`query failed${hint}: ${message.split("\n")[0]}`, {exitCode: 1, cause: error});
        }
        const cells = rows.map((row) => columns.map((c) => cell(row[c])));
        if (options.format === "json") {
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        } else if (options.format === "csv") {
          process.stdout.write(
            stringify([columns, ...cells.map((row) => row.map((v) => (v === null ? "" : String(v))))])
          );
        } else {
          process.stdout.write(`${formatTable(columns, cells)}\n`);
        }
      } finally {
        warehouse.close();
      }
    });
}

function cell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  return JSON.stringify(value);
}
