import type {DuckDBConnection} from "@duckdb/node-api";
import {CliError} from "../config/cli-error.ts";
import {openWarehouse, warehousePath} from "../warehouse/open-warehouse.ts";
import {hiddenDimensions, withoutHiddenNames} from "./hidden-names.ts";

/**
 * The body of a Framework data loader: opens the warehouse (SHANGJI_WAREHOUSE or the default)
 * read-only, reads it, and writes JSON on stdout — without the names the publishing configuration hides. Diagnostics go to stderr with a non-zero exit,
 * which fails `observable build` rather than publishing a page without its data.
 */
export async function writeLoaderOutput(read: (connection: DuckDBConnection) => Promise<unknown>): Promise<void> {
  try {
    const warehouse = await openWarehouse(warehousePath(), {readOnly: true});
    try {
      const data = withoutHiddenNames(await read(warehouse.connection), hiddenDimensions());
      process.stdout.write(JSON.stringify(data));
    } finally {
      warehouse.close();
    }
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`shangji: ${error.message}\n`);
    process.exitCode = error.exitCode;
  }
}
