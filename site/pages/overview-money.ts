import {overdueReceivables} from "../../pipelines/collections.ts";
import {overdueReceivablesSql} from "../../pipelines/collections/overdue-receivables.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {missingTables} from "../../pipelines/lib/missing-tables.ts";
import {EACH_CHOICE, readEachChoice, sliceGridSql, type SliceGrid} from "../../pipelines/lib/slice-grid.ts";
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
  return overdueAlert(rows, missing);
}

function overdueAlert(rows: {overdue_amount: number}[], missing: string[]): MoneyAlert {
  return {count: rows.length, amount: Math.round(rows.reduce((sum, row) => sum + row.overdue_amount, 0)), missing};
}

/** Both money alerts of every filter choice of the grid, each from one query grouped by choice. */
export async function moneyAlertsByChoice(
  grid: SliceGrid
): Promise<{receivables: MoneyAlert; discounts: DiscountAlert}[]> {
  const slices = sliceGridSql(grid);
  const ctx = {connection: grid.connection, now: grid.now};
  const contractsMissing = await missingTables(grid.connection, ["contracts"]);
  const overdue = contractsMissing.length
    ? grid.choices.map(() => [])
    : await readEachChoice<{overdue_amount: number}>(grid, slices, overdueReceivablesSql(EACH_CHOICE), {
        as_of: grid.now.slice(0, 10)
      });
  const usual = await usualDiscount(ctx);
  const quoted = quotedSql(EACH_CHOICE);
  const bound = usual.usual_discount;
  const deep =
    bound === null
      ? undefined
      : await readEachChoice<{count: number; amount: number}>(
          grid,
          slices,
          deepDiscountsSql(quoted.sql, "choice_index, "),
          {...quoted.params, now: grid.now, usual: bound}
        );
  return grid.choices.map((_, c) => ({
    receivables: overdueAlert(overdue[c], contractsMissing),
    discounts: deep && bound !== null ? discountAlert(deep[c][0], bound) : usual
  }));
}

/**
 * Open opportunities whose last quote gives a discount above the usual band (deeper than 9 in 10 of all quotes),
 * and the amount of those quotes: a price given away before the deal is won.
 */
export async function deepDiscountsAlert(ctx: PipelineContext): Promise<DiscountAlert> {
  const usual = await usualDiscount(ctx);
  if (usual.usual_discount === null) return usual;
  const quoted = quotedSql(ctx.filters);
  const [row] = await readRows<{count: number; amount: number}>(ctx.connection, deepDiscountsSql(quoted.sql, ""), {
    ...quoted.params,
    now: ctx.now,
    usual: usual.usual_discount
  });
  return discountAlert(row, usual.usual_discount);
}

/** The usual band's bound (company-wide), in an alert with nothing counted yet; null without quotes. */
async function usualDiscount(ctx: Pick<PipelineContext, "connection" | "now">): Promise<DiscountAlert> {
  const missing = await missingTables(ctx.connection, ["quotes"]);
  if (missing.length) return {count: 0, amount: 0, usual_discount: null, missing};
  const all = quotedSql(undefined);
  const [{usual}] = await readRows<{usual: number | null}>(
    ctx.connection,
    `WITH ${all.sql} SELECT quantile_cont(discount, $share) AS usual FROM quoted WHERE discount IS NOT NULL`,
    {...all.params, now: ctx.now, share: USUAL_DISCOUNT_SHARE}
  );
  return {count: 0, amount: 0, usual_discount: usual, missing: []};
}

/** After `quoted` (quotedSql's CTEs): the open deals whose last quote is deeper than $usual, counted (per `group`). */
function deepDiscountsSql(quoted: string, group: string): string {
  return `WITH ${quoted}
     SELECT ${group}count(*)::INTEGER AS count, coalesce(sum(amount), 0)::DOUBLE AS amount FROM final_quotes
     WHERE discount > $usual AND outcome = 'open'${group ? " GROUP BY choice_index ORDER BY choice_index" : ""}`;
}

function discountAlert(row: {count: number; amount: number} | undefined, usual: number): DiscountAlert {
  return {count: row?.count ?? 0, amount: Math.round(row?.amount ?? 0), usual_discount: usual, missing: []};
}
