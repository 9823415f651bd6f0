import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {wilsonInterval} from "../stats/wilson-interval.ts";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";

/** How accounts are segmented: geography, demographics, behaviour (docs/method.md §1). */
export type SegmentDimension =
  | "province"
  | "city"
  | "industry"
  | "size_band"
  | "purchase_frequency"
  | "membership_tier";

export const SEGMENT_DIMENSIONS: readonly SegmentDimension[] = [
  "province",
  "city",
  "industry",
  "size_band",
  "purchase_frequency",
  "membership_tier"
];

// the account's won deals closed before the period: a behaviour known when the period starts
const PRIOR_WINS_BAND = `CASE WHEN coalesce(p.n_prior_won, 0) = 0 THEN '0'
  WHEN p.n_prior_won = 1 THEN '1' WHEN p.n_prior_won <= 3 THEN '2-3' ELSE '4+' END`;

const SEGMENT_SQL: Record<SegmentDimension, string> = {
  province: "a.province",
  city: "a.city",
  industry: "a.industry",
  size_band: "a.size_band",
  purchase_frequency: PRIOR_WINS_BAND,
  membership_tier: "a.membership_tier"
};

export interface CustomerSegmentRow {
  dimension: SegmentDimension;
  /** the segment's value; purchase_frequency bands are 0, 1, 2-3, 4+ won deals before the period; null when unknown */
  segment: string | null;
  /** distinct accounts with an opportunity created or closed in the period */
  n_accounts: number;
  /** opportunities created in the period */
  n_opportunities: number;
  /** opportunities won or lost in the period */
  n_closed: number;
  n_won: number;
  /** n_won / n_closed with its 95% Wilson interval; null without closed opportunities */
  win_rate: number | null;
  win_rate_lower: number | null;
  win_rate_upper: number | null;
  /** Σ amount of the opportunities won in the period */
  won_amount: number;
  /** won deals without an amount: in the win rate, left out of won_amount and the average */
  n_won_without_amount: number;
  /** won_amount / the won deals with an amount; null without them */
  average_deal_amount: number | null;
}

/**
 * Which customer segments convert, and at what value: per segment of one dimension — geography
 * (province, city), demographics (industry, size_band) or behaviour (purchase_frequency: the account's
 * won deals closed before the period starts, banded 0 / 1 / 2-3 / 4+; membership_tier: its loyalty
 * tier) — the accounts active in the period, new opportunities, win rate (won / (won + lost) among those
 * closed in the period, 95% Wilson interval), won revenue and average deal. Why it matters: it says
 * which customers to look for (docs/method.md §1) and whether returning customers really are easier to win.
 *
 * Input: opportunities (filters apply) and accounts. Output grain: one row per segment value of
 * `dimension` (null for opportunities without account or attribute), highest won revenue first.
 * Every dimension but purchase_frequency needs accounts: missing → no rows, missing ["accounts"].
 *
 * @example
 * const {rows} = await customerSegments(ctx, "industry");
 * // [{dimension: "industry", segment: "制造业", n_accounts: 210, n_closed: 260, win_rate: 0.41, won_amount: 3.2e7, …}]
 */
export async function customerSegments(
  ctx: PipelineContext,
  dimension: SegmentDimension
): Promise<PipelineResult<CustomerSegmentRow>> {
  return (await customerSegmentsByDimension(ctx, [dimension]))[dimension];
}

/**
 * customerSegments for several dimensions at once, in one pass over the opportunities (what a page
 * showing every segmentation wants). Output: one result per dimension asked for.
 *
 * @example
 * const {industry, purchase_frequency} = await customerSegmentsByDimension(ctx, ["industry", "purchase_frequency"]);
 */
export async function customerSegmentsByDimension(
  ctx: PipelineContext,
  dimensions: readonly SegmentDimension[] = SEGMENT_DIMENSIONS
): Promise<Record<SegmentDimension, PipelineResult<CustomerSegmentRow>>> {
  for (const dimension of dimensions) {
    if (!SEGMENT_DIMENSIONS.includes(dimension)) {
      throw new Error(`customerSegments requires one of ${SEGMENT_DIMENSIONS.join(", ")}, got ${String(dimension)}`);
    }
  }
  const missing = await missingTables(ctx.connection, ["accounts"]);
  const computed = computedDimensions(dimensions, missing);
  if (computed.length === 0) return segmentResults(dimensions, missing, []);
  const filter = filterCondition(ctx.filters);
  const counts = await readRows<SegmentCounts>(ctx.connection, segmentsSql(computed, filter.sql), {
    period_start: ctx.period.start,
    period_end: ctx.period.end,
    ...filter.params
  });
  return segmentResults(dimensions, missing, counts);
}

/** What segmentsSql counts per segment, before the rates. */
export type SegmentCounts = Omit<CustomerSegmentRow, `win_rate${string}` | "average_deal_amount">;

/** The dimensions that can be computed: all but purchase_frequency need accounts. */
export function computedDimensions(dimensions: readonly SegmentDimension[], missing: string[]): SegmentDimension[] {
  return dimensions.filter((d) => d === "purchase_frequency" || missing.length === 0);
}

/** The counts' rows by dimension, with rates and intervals; dimensions not computed are missing `missing`. */
export function segmentResults(
  dimensions: readonly SegmentDimension[],
  missing: string[],
  counts: SegmentCounts[]
): Record<SegmentDimension, PipelineResult<CustomerSegmentRow>> {
  const computed = computedDimensions(dimensions, missing);
  const results = {} as Record<SegmentDimension, PipelineResult<CustomerSegmentRow>>;
  for (const dimension of dimensions)
    results[dimension] = {rows: [], missing: computed.includes(dimension) ? [] : missing};
  for (const row of counts) {
    const interval = wilsonInterval(row.n_won, row.n_closed);
    results[row.dimension].rows.push({
      ...row,
      win_rate: row.n_closed > 0 ? row.n_won / row.n_closed : null,
      win_rate_lower: interval?.lower ?? null,
      win_rate_upper: interval?.upper ?? null,
      average_deal_amount:
        row.n_won > row.n_won_without_amount ? row.won_amount / (row.n_won - row.n_won_without_amount) : null
    });
  }
  return results;
}

/**
 * The SQL of the segment counts, in order; with `byChoice`, for every filter choice of a grid at once, after
 * sliceGridSql's CTEs (pass "true" as the filter), each row with its `choice_index`.
 */
export function segmentsSql(dimensions: readonly SegmentDimension[], filterSql: string, byChoice = false): string {
  const by = byChoice ? "choice_index, " : "";
  const needsAccounts = dimensions.some((d) => d !== "purchase_frequency");
  const needsPriorWins = dimensions.includes("purchase_frequency");
  // dimension names come from SEGMENT_DIMENSIONS (checked above), never from input
  const groupings = dimensions.map(
    (dimension, position) => `
  SELECT ${by}'${dimension}' AS dimension, ${position} AS position, ${dimension} AS segment,
    count(DISTINCT account_id)::INTEGER AS n_accounts,
    count(*) FILTER (WHERE is_created)::INTEGER AS n_opportunities,
    count(*) FILTER (WHERE is_closed)::INTEGER AS n_closed,
    count(*) FILTER (WHERE is_closed AND outcome = 'won')::INTEGER AS n_won,
    coalesce(sum(amount) FILTER (WHERE is_closed AND outcome = 'won'), 0)::DOUBLE AS won_amount,
    count(*) FILTER (WHERE is_closed AND outcome = 'won' AND amount IS NULL)::INTEGER AS n_won_without_amount
  FROM labelled
  GROUP BY ${by}${dimension}`
  );
  return `
WITH scoped AS (
  SELECT ${byChoice ? "m.choice_index, " : ""}f.opportunity_id, f.account_id, f.outcome, f.amount,
    f.created_at >= $period_start::TIMESTAMP AND f.created_at < $period_end::TIMESTAMP AS is_created,
    f.outcome IN ('won', 'lost') AND f.closed_at >= $period_start::TIMESTAMP
      AND f.closed_at < $period_end::TIMESTAMP AS is_closed
  FROM ${OPPORTUNITY_SCOPE} f
  ${byChoice ? "JOIN slice_members m ON m.opportunity_id = f.opportunity_id" : ""}
  WHERE ${filterSql}
),
prior_wins AS (
  -- purchase frequency is the account's, whoever sold to it: no filters
  SELECT account_id, count(*) AS n_prior_won
  FROM opportunities
  WHERE outcome = 'won' AND closed_at < $period_start::TIMESTAMP
  GROUP BY account_id
),
labelled AS MATERIALIZED (
  SELECT s.*, ${dimensions.map((d) => `${SEGMENT_SQL[d]} AS ${d}`).join(", ")}
  FROM scoped s
  ${needsPriorWins ? "LEFT JOIN prior_wins p ON p.account_id = s.account_id" : ""}
  ${needsAccounts ? "LEFT JOIN accounts a ON a.account_id = s.account_id" : ""}
  -- only what happened in the period
  WHERE s.is_created OR s.is_closed
),
segments AS (${groupings.join("\n  UNION ALL")}
),
final AS (
  SELECT ${by}dimension, segment, n_accounts, n_opportunities, n_closed, n_won, won_amount, n_won_without_amount
  FROM segments
  ORDER BY ${by}position, won_amount DESC, segment NULLS LAST
)
SELECT * FROM final`;
}
