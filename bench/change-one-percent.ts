import {join} from "node:path";
import {ENTITIES} from "../loaders/schema/entities.ts";
import {openWarehouse} from "../loaders/warehouse/open-warehouse.ts";
import {readRows} from "../loaders/warehouse/read-rows.ts";

/**
 * Writes a later export of 1 % of the opportunities (every hundredth by id) into the exports folder, each
 * with a new amount and a later modification: what a day of a CRM's changes looks like. Returns the number
 * of opportunities it changes.
 */
export async function changeOnePercent(warehousePath: string, exports: string): Promise<number> {
  const columns = ENTITIES.opportunities.columns.map((c) => c.name);
  const warehouse = await openWarehouse(warehousePath, {readOnly: true});
  try {
    const picked = `FROM (SELECT *, row_number() OVER (ORDER BY opportunity_id) AS n FROM opportunities) WHERE n % 100 = 0`;
    const [{changed}] = await readRows<{changed: number}>(
      warehouse.connection,
      `SELECT count(*)::INTEGER AS changed ${picked}`
    );
    const select = columns.map((c) => (c === "amount" ? `round(amount * 1.1, 2) AS amount` : `"${c}"`)).join(", ");
    const file = join(exports, "opportunities-changes.csv").replaceAll("'", "''");
    await warehouse.connection.run(`COPY (SELECT ${select} ${picked}) TO '${file}' (HEADER, DELIMITER ',')`);
    return changed;
  } finally {
    warehouse.close();
  }
}
