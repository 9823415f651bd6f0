import type {DuckDBConnection} from "@duckdb/node-api";
import {Command, Option} from "commander";
import {stringify} from "csv-stringify/sync";
import {openWarehouse, warehousePath} from "../warehouse/open-warehouse.ts";
import {ExactNumber, jsonWithExactNumbers, readRowsWithColumns} from "../warehouse/read-rows.ts";
import {CliError, EXIT} from "../config/cli-error.ts";
import {formatTable} from "./format-table.ts";

export function queryCommand(): Command {
  return new Command("query")
    .description("run one read-only SQL statement against the warehouse (no files, no network); results on stdout")
    .argument("<sql>", 'the SQL, e.g. "select stage, count(*) from opportunities group by 1"')
    .addOption(new Option("--format <format>", "output format").choices(["table", "csv", "json"]).default("table"))
    .option("--warehouse <path>", "warehouse file (default: $SHANGJI_WAREHOUSE or data/warehouse.duckdb)")
    .action(async (sql: string, options) => {
      // read-only opens are sandboxed: the SQL cannot reach a file, the network or an extension
      const warehouse = await openWarehouse(warehousePath(options.warehouse), {readOnly: true});
      try {
        const {rows, columns} = await runOneStatement(warehouse.connection, sql);
        if (options.format === "json") {
          process.stdout.write(`${jsonWithExactNumbers(rows)}\n`);
          return;
        }
        const cells = rows.map((row) => columns.map((c) => cell(row[c])));
        if (options.format === "csv") {
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

async function runOneStatement(connection: DuckDBConnection, sql: string) {
  try {
    const count = await countStatements(connection, sql);
    if (count !== 1) {
      throw new CliError(
        count === 0
          ? "query holds no SQL statement"
          : `query holds ${count} statements; shangji query runs one at a time`,
        {exitCode: EXIT.usage}
      );
    }
    return await readRowsWithColumns(connection, sql, {}, {exactNumbers: true});
  } catch (error) {
    if (error instanceof CliError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const hint = /read-only|read only/i.test(message)
      ? " (shangji query is read-only)"
      : /disabled by configuration|configuration has been locked/i.test(message)
        ? " (shangji query reads the warehouse only: no files, network, extensions or settings)"
        : "";
    throw new CliError(
      `query failed${hint}: ${message.split("\n")[0].replace(/^Failed to extract statements: /, "")}`,
      {
        exitCode: EXIT.failed,
        cause: error
      }
    );
  }
}

async function countStatements(connection: DuckDBConnection, sql: string): Promise<number> {
  try {
    return (await connection.extractStatements(sql)).count;
  } catch (error) {
    // the node API fails, without a message of DuckDB's, on SQL that holds no statement (blank, a comment)
    if (error instanceof Error && error.message === "Error in native callback") return 0;
    throw error;
  }
}

function cell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (value instanceof ExactNumber) return value.text;
  return JSON.stringify(value);
}
