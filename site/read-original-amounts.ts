import {listValue, type DuckDBConnection} from "@duckdb/node-api";
import {readRows} from "../warehouse/read-rows.ts";

/** An opportunity's amount as exported, in whole units of its own currency. */
export interface OriginalAmount {
  amount_original: number;
  currency_original: string;
}

/** The columns of an original amount, beside a list's converted `amount`. */
export const ORIGINAL_AMOUNT_COLUMNS = ["amount_original", "currency_original"] as const;

/**
 * The amounts before conversion of the few opportunities a page lists, by id: only those exported in a
 * currency other than the reporting currency (the others are absent). A list shows converted amounts; its
 * CSV download carries these beside them. A warehouse in one currency, or never converted, has none, so its
 * rows are written as they always were.
 */
export async function readOriginalAmounts(
  connection: DuckDBConnection,
  ids: string[]
): Promise<Map<string, OriginalAmount>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await readRows<{opportunity_id: string; amount: number; currency: string}>(
    connection,
    // a join, not list_contains: that compares every opportunity with every id
    `WITH listed AS (SELECT unnest($ids) AS opportunity_id)
     SELECT o.opportunity_id, o.amount::DOUBLE AS amount, o.currency
     FROM opportunities o JOIN listed USING (opportunity_id)
     WHERE o.amount IS NOT NULL AND o.currency <> (SELECT max(currency) FROM reporting_currency)`,
    {ids: listValue(wanted)}
  );
  return new Map(
    rows.map((row) => [row.opportunity_id, {amount_original: Math.round(row.amount), currency_original: row.currency}])
  );
}

/** `row` followed by its amount before conversion, where `originals` holds one. */
export function withOriginalAmount<Row extends {opportunity_id: string}>(
  row: Row,
  originals: Map<string, OriginalAmount>
): Row & Partial<OriginalAmount> {
  const original = originals.get(row.opportunity_id);
  return original ? {...row, ...original} : row;
}
