import {median} from "simple-statistics";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";
import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {readOpenBook, type BookOptions, type OpenDeal} from "./open-book.ts";

/** The load of one rep against the team — grain: one row per active rep. */
export interface RepLoadRow {
  rep_id: string;
  rep_name: string | null;
  team: string | null;
  region: string | null;
  /** opportunities open now, and their amount */
  count_open: number;
  open_amount: number;
  /** Σ amount × win probability of the open opportunities */
  weighted_value: number;
  /** Σ amount × margin × win probability */
  expected_value: number;
  /** medians over the active reps of the same team (reps without a team form one group) */
  team_median_count_open: number;
  team_median_weighted_value: number;
  /** count_open / team median (null when the median is 0) */
  load_ratio: number | null;
  weighted_load_ratio: number | null;
  /** count_open above overloadRatio × the team median */
  is_overloaded: boolean;
}

export interface LoadOptions extends BookOptions {
  /** a rep holding more than this multiple of the team median of open opportunities is overloaded (default 1.5) */
  overloadRatio?: number;
}

export const DEFAULT_OVERLOAD_RATIO = 1.5;

/**
 * Rep load: for each active rep (one who owns an opportunity open now, or created or closed in the
 * period), the opportunities open now, their amount, weighted value Σ amount × probability and
 * expected value Σ amount × margin × probability (probabilities from the scores when given, else the
 * learned stage probabilities), against the median of the rep's team; overloaded above
 * overloadRatio × the team median of open opportunities.
 *
 * Why it matters: docs/method.md §4 — effort follows value; a rep with twice the team's book cannot follow each
 * deal by the plan, and the deals that suffer first are the ones worth most.
 *
 * Input: opportunities, reps (names and teams; without them every owner is its own rep without a team).
 * Output grain: one row per active rep, by team then rep_id.
 *
 * @example
 * const {rows} = await repLoad(ctx);
 * // [{rep_id: "R001", team: "华东", count_open: 9, team_median_count_open: 6, load_ratio: 1.5, is_overloaded: false, …}, …]
 */
export async function repLoad(ctx: PipelineContext, options: LoadOptions = {}): Promise<PipelineResult<RepLoadRow>> {
  const book = await readOpenBook(ctx, options);
  const missing = await missingTables(ctx.connection, ["reps"]);
  return {rows: await loadRows(ctx, book, options.overloadRatio ?? DEFAULT_OVERLOAD_RATIO), missing};
}

/** repLoad's rows for a book already read. */
export async function loadRows(
  ctx: PipelineContext,
  book: readonly OpenDeal[],
  overloadRatio: number
): Promise<RepLoadRow[]> {
  if (!(overloadRatio > 0)) throw new RangeError(`overloadRatio must be positive, got ${overloadRatio}`);
  const filter = filterCondition(ctx.filters, "f");
  const reps = await readRows<{rep_id: string; rep_name: string | null; team: string | null; region: string | null}>(
    ctx.connection,
    `WITH active AS (
       SELECT DISTINCT f.owner_rep_id FROM ${OPPORTUNITY_SCOPE} f
       -- active: owns a deal open now, or created or closed in the period
       WHERE ${filter.sql} AND f.owner_rep_id IS NOT NULL AND f.created_at <= $now::TIMESTAMP AND (f.outcome = 'open'
         OR (f.created_at >= $start::TIMESTAMP AND f.created_at < $end::TIMESTAMP)
         OR (f.closed_at >= $start::TIMESTAMP AND f.closed_at < $end::TIMESTAMP))
     )
     SELECT a.owner_rep_id AS rep_id, r.name AS rep_name, r.team, r.region
     FROM active a LEFT JOIN reps r ON r.rep_id = a.owner_rep_id
     ORDER BY r.team NULLS LAST, a.owner_rep_id`,
    {...filter.params, start: ctx.period.start, end: ctx.period.end, now: ctx.now}
  );
  const byRep = new Map<string, OpenDeal[]>();
  for (const deal of book) {
    if (deal.owner_rep_id === null) continue;
    const deals = byRep.get(deal.owner_rep_id) ?? [];
    deals.push(deal);
    byRep.set(deal.owner_rep_id, deals);
  }
  const loads = reps.map((rep) => {
    const deals = byRep.get(rep.rep_id) ?? [];
    const total = (value: (d: OpenDeal) => number | null) => deals.reduce((sum, d) => sum + (value(d) ?? 0), 0);
    return {
      ...rep,
      count_open: deals.length,
      open_amount: total((d) => d.amount),
      weighted_value: total((d) =>
        d.amount === null || d.win_probability === null ? null : d.amount * d.win_probability
      ),
      expected_value: total((d) => d.expected_value)
    };
  });
  return loads.map((rep) => {
    const team = loads.filter((other) => other.team === rep.team);
    const medianCount = median(team.map((r) => r.count_open));
    const medianWeighted = median(team.map((r) => r.weighted_value));
    return {
      ...rep,
      team_median_count_open: medianCount,
      team_median_weighted_value: medianWeighted,
      load_ratio: medianCount > 0 ? rep.count_open / medianCount : null,
      weighted_load_ratio: medianWeighted > 0 ? rep.weighted_value / medianWeighted : null,
      is_overloaded: rep.count_open > overloadRatio * medianCount
    };
  });
}
