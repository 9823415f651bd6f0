import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {readRows} from "../../warehouse/read-rows.ts";

/** The quarter under way, by SQL on the warehouse alone (the sample's amounts are all in one currency). */
export interface QuarterNumbers {
  /** Σ quota of the quarter's months */
  quota: number;
  /** won in the quarter up to the end of `today` */
  won_amount: number;
  /** open deals expected to close in the quarter */
  open_due_amount: number;
  /** open_due_amount / (quota − won_amount) */
  coverage_ratio: number;
}

const SQL = `
WITH q AS (SELECT $start::DATE AS start, $end::DATE AS stop)
SELECT
  (SELECT sum(quota) FROM quotas, q WHERE month >= q.start AND month < q.stop)::DOUBLE AS quota,
  (SELECT coalesce(sum(amount), 0) FROM opportunities, q WHERE outcome = 'won'
     AND closed_at >= q.start AND closed_at < $today::DATE + 1)::DOUBLE AS won_amount,
  (SELECT coalesce(sum(amount), 0) FROM opportunities, q WHERE outcome = 'open'
     AND expected_close_at >= q.start AND expected_close_at < q.stop)::DOUBLE AS open_due_amount`;

export async function quarterNumbers(path: string, today: string): Promise<QuarterNumbers> {
  const month = Number(today.slice(5, 7));
  const startMonth = month - ((month - 1) % 3);
  const start = `${today.slice(0, 4)}-${String(startMonth).padStart(2, "0")}-01`;
  const end =
    startMonth === 10
      ? `${Number(today.slice(0, 4)) + 1}-01-01`
      : `${today.slice(0, 4)}-${String(startMonth + 3).padStart(2, "0")}-01`;
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const [row] = await readRows<Omit<QuarterNumbers, "coverage_ratio">>(warehouse.connection, SQL, {
      start,
      end,
      today
    });
    return {...row, coverage_ratio: row.open_due_amount / (row.quota - row.won_amount)};
  } finally {
    warehouse.close();
  }
}
