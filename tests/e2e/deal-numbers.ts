import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import type {Period} from "../../pipelines/lib/context.ts";

/** Average won deal and average sales cycle in days of the deals won in the period, by SQL on the warehouse alone. */
export async function dealNumbers(
  path: string,
  period: Period
): Promise<{avg_won_amount: number; avg_cycle_days: number}> {
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const [row] = await readRows<{avg_won_amount: number; avg_cycle_days: number}>(
      warehouse.connection,
      `SELECT avg(amount)::DOUBLE AS avg_won_amount,
         avg(date_diff('second', created_at, closed_at) / 86400.0) FILTER (WHERE closed_at >= created_at)::DOUBLE AS avg_cycle_days
       FROM opportunities
       WHERE outcome = 'won' AND closed_at >= $start::TIMESTAMP AND closed_at < $end::TIMESTAMP`,
      {start: period.start, end: period.end}
    );
    return row;
  } finally {
    warehouse.close();
  }
}
