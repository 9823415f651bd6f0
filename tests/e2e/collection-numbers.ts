import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import type {Period} from "../../pipelines/lib/context.ts";

/** The quotes and collections page's headline figures, by SQL on the warehouse alone. */
export interface CollectionNumbers {
  /** accepted ÷ accepted, rejected or expired quotes created in the period */
  acceptance_rate: number;
  /** received by `today` ÷ signed, of the contracts signed in the period */
  collection_rate: number;
  /** unpaid at `today` of the payment-plan lines due before it */
  overdue_amount: number;
}

// the sample pays each instalment on its own plan line and never more than a contract's amount
const SQL = `
SELECT
  (SELECT count(*) FILTER (WHERE status = 'accepted') / count(*) FROM quotes
   WHERE status IN ('accepted', 'rejected', 'expired')
     AND created_at >= $start::TIMESTAMP AND created_at < $end::TIMESTAMP) AS acceptance_rate,
  (SELECT sum(p.received_amount) FILTER (WHERE p.received_at <= $today::DATE) FROM payments p
   JOIN contracts c USING (contract_id) WHERE c.signed_at >= $start::DATE AND c.signed_at < $end::DATE)
  / (SELECT sum(amount) FROM contracts WHERE signed_at >= $start::DATE AND signed_at < $end::DATE) AS collection_rate,
  (SELECT sum(owed) FROM (
     SELECT sum(planned_amount - CASE WHEN received_at <= $today::DATE THEN coalesce(received_amount, 0) ELSE 0 END) AS owed
     FROM payments WHERE planned_at < $today::DATE GROUP BY contract_id HAVING owed > 0))::DOUBLE AS overdue_amount`;

export async function collectionNumbers(path: string, today: string, period: Period): Promise<CollectionNumbers> {
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const [row] = await readRows<CollectionNumbers>(warehouse.connection, SQL, {
      today,
      start: period.start,
      end: period.end
    });
    return row;
  } finally {
    warehouse.close();
  }
}
