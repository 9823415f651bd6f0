import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {choiceColumn, type ChoiceScope} from "../lib/slice-grid.ts";
import {wilsonInterval, Z_95} from "../stats/wilson-interval.ts";
import {CLOSED_IN_PERIOD, quotedSql} from "./quote-scope.ts";

/** Lower bounds of the discount bands, as shares: 0–5 %, 5–10 %, 10–20 %, 20–30 %, 30 % and more. */
export const DEFAULT_DISCOUNT_BANDS: readonly number[] = [0, 0.05, 0.1, 0.2, 0.3];

export interface DiscountBandRow {
  /** the band's discount, from (inclusive) and to (exclusive; null for the last band) */
  discount_from: number;
  discount_to: number | null;
  /** opportunities closed in the period whose last quote's discount is in the band */
  n_closed: number;
  n_won: number;
  /** n_won / n_closed with its 95% Wilson interval; null without a closed deal */
  win_rate: number | null;
  win_rate_lower: number | null;
  win_rate_upper: number | null;
  /** mean amount of the won deals, with a 95% normal interval (mean ± 1.96 s/√n; null below two deals) */
  won_amount_mean: number | null;
  won_amount_lower: number | null;
  won_amount_upper: number | null;
}

export interface ClosedDeal {
  discount: number;
  is_won: boolean;
  amount: number | null;
}

/**
 * Discount depth against win rate and deal size: the opportunities closed in the period, banded by the discount
 * of their last quote, with each band's win rate and mean won amount, both with intervals. Why it matters: does a
 * deeper discount win more, or just cost more? Overlapping intervals say the discount bought nothing the data can
 * see (docs/method.md §3).
 *
 * Input: quotes (discount), opportunities (outcome, close, amount; filters). Output grain: one row per band, every
 * band, in order. Missing quotes → no rows, missing ["quotes"].
 *
 * @example
 * const {rows} = await discountBands(ctx);
 * // [{discount_from: 0, discount_to: 0.05, n_closed: 2, n_won: 1, win_rate: 0.5, …}, …]
 */
export async function discountBands(
  ctx: PipelineContext,
  bands: readonly number[] = DEFAULT_DISCOUNT_BANDS
): Promise<PipelineResult<DiscountBandRow>> {
  if (bands.length === 0 || bands[0] !== 0 || bands.some((b, i) => i > 0 && b <= bands[i - 1]))
    throw new RangeError(`discountBands requires increasing band bounds starting at 0, got ${bands.join(", ")}`);
  const missing = await missingTables(ctx.connection, ["quotes"]);
  if (missing.length) return {rows: [], missing};
  const quoted = quotedSql(ctx.filters);
  const deals = await readRows<ClosedDeal>(ctx.connection, closedDealsSql(ctx.filters), {
    ...quoted.params,
    now: ctx.now,
    period_start: ctx.period.start,
    period_end: ctx.period.end
  });
  return {rows: bandRows(deals, bands), missing: []};
}

/** The deals closed in the period with a discounted last quote (per choice: EACH_CHOICE). Binds quotedSql's parameters. */
export function closedDealsSql(scope: ChoiceScope): string {
  return `WITH ${quotedSql(scope).sql}
     SELECT ${choiceColumn(scope)}discount, outcome = 'won' AS is_won, opportunity_amount AS amount
     FROM final_quotes WHERE discount IS NOT NULL AND ${CLOSED_IN_PERIOD}`;
}

/** Every band's win rate and mean won amount, with intervals, of the closed deals. */
export function bandRows(deals: ClosedDeal[], bands: readonly number[] = DEFAULT_DISCOUNT_BANDS): DiscountBandRow[] {
  return bands.map((from, i): DiscountBandRow => {
    const to = i + 1 < bands.length ? bands[i + 1] : null;
    const inBand = deals.filter((d) => d.discount >= from && (to === null || d.discount < to));
    const won = inBand.filter((d) => d.is_won);
    const amounts = won.flatMap((d) => (d.amount === null ? [] : [d.amount]));
    const interval = wilsonInterval(won.length, inBand.length);
    const mean = amounts.length ? amounts.reduce((a, b) => a + b, 0) / amounts.length : null;
    const half = mean !== null && amounts.length >= 2 ? Z_95 * standardError(amounts, mean) : null;
    return {
      discount_from: from,
      discount_to: to,
      n_closed: inBand.length,
      n_won: won.length,
      win_rate: inBand.length ? won.length / inBand.length : null,
      win_rate_lower: interval?.lower ?? null,
      win_rate_upper: interval?.upper ?? null,
      won_amount_mean: mean,
      won_amount_lower: half === null ? null : mean! - half,
      won_amount_upper: half === null ? null : mean! + half
    };
  });
}

/** s/√n with the sample standard deviation (n − 1). */
function standardError(values: number[], mean: number): number {
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance / values.length);
}
