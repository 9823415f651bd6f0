import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {stringify} from "csv-stringify/sync";
import {ENTITIES} from "../warehouse/schema/entities.ts";
import {openWarehouse} from "../warehouse/open-warehouse.ts";
import {readRows} from "../warehouse/read-rows.ts";

/**
 * Writes a later export of 1 % of the opportunities (every hundredth by id) into the exports folder, each
 * with a new amount: what a day of a CRM's changes looks like. Returns the number of opportunities it
 * changes. (The warehouse opens read-only, without file access: the rows are written from here.)
 */
export async function changeOnePercent(warehousePath: string, exports: string): Promise<number> {
  const columns = ENTITIES.opportunities.columns.map((c) => c.name);
  const warehouse = await openWarehouse(warehousePath, {readOnly: true});
  try {
    const select = columns
      .map((c) => (c === "amount" ? `round(amount * 1.1, 2)::VARCHAR AS amount` : `"${c}"::VARCHAR AS "${c}"`))
      .join(", ");
    const rows = await readRows<Record<string, string | null>>(
      warehouse.connection,
      `SELECT ${select} FROM (SELECT *, row_number() OVER (ORDER BY opportunity_id) AS n FROM opportunities)
       WHERE n % 100 = 0`
    );
    writeFileSync(
      join(exports, "opportunities-changes.csv"),
      stringify([columns, ...rows.map((row) => columns.map((c) => row[c] ?? ""))])
    );
    return rows.length;
  } finally {
    warehouse.close();
  }
}
