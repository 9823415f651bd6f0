import {overdueReceivables} from "../../pipelines/collections.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {missingTables} from "../../pipelines/lib/missing-tables.ts";
import {quotedSql} from "../../pipelines/quotes/quote-scope.ts";
import {readRows} from "../../warehouse/read-rows.ts";

/** Quotes deeper than this share of all quotes are beyond the usual band. */
export const USUAL_DISCOUNT_SHARE = 0.9;

/** A count and an amount for an overview alert that links to the page with the list. */
export interface MoneyAlert {
  count: number;
  amount: number;
  missing: string[];
}

export interface DiscountAlert extends MoneyAlert {
  /** the usual band's upper bound: the 90th percentile of every quote's discount, company-wide; null without one */
  usual_discount: number | null;
}

/** Contracts with an instalment past its date and unpaid at now, and their overdue amount. */
export async function overdueReceivablesAlert(ctx: PipelineContext): Promise<MoneyAlert> {
  const {rows, missing} = await overdueReceivables(ctx);
  return {count: rows.length, amount: Math.round(rows.reduce((sum, row) => sum + row.overdue_amount, 0)), missing};
}

/**
 * Open opportunities whose last quote gives a discount above the usual band (deeper than 9 in 10 of all quotes),
 * and the amount of those quotes: a price given away before the deal is won.
 */
export async function deepDiscountsAlert(ctx: PipelineContext): Promise<DiscountAlert> {
  const missing = await missingTables(ctx.connection, ["quotes"]);
  if (missing.length) return {count: 0, amount: 0, usual_discount: null, missing};
  const all = quotedSql(undefined);
  const [{usual}] = await readRows<{usual: number | null}>(
    ctx.connection,
    `WITH ${all.sql} SELECT quantile_cont(discount, $share) AS usual FROM quoted WHERE discount IS NOT NULL`,
    {...all.params, now: ctx.now, share: USUAL_DISCOUNT_SHARE}
  );
  if (usual === null) return {count: 0, amount: 0, usual_discount: null, missing: []};
  const quoted = quotedSql(ctx.filters);
  const [row] = await readRows<{count: number; amount: number}>(
    ctx.connection,
    `WITH ${quoted.sql}
     SELECT count(*)::INTEGER AS count, coalesce(sum(amount), 0)::DOUBLE AS amount FROM final_quotes
     WHERE discount > $usual AND outcome = 'open'`,
    {...quoted.params, now: ctx.now, usual}
  );
  return {count: row.count, amount: Math.round(row.amount), usual_discount: usual, missing: []};
}
