import type {PipelineContext} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";
import {wilsonInterval} from "../stats/wilson-interval.ts";

/** What the risk flags of open opportunities are measured against. */
export interface RiskContext {
  /** median days from creation to close of the deals won in the period by now; null without any */
  median_won_cycle_days: number | null;
  /** competitors we win significantly less often against than on average (see readRiskContext) */
  strong_competitors: Set<string>;
  /** per open opportunity, how often its expected close date moved later between exports; null with < 2 exports */
  close_date_pushes: Map<string, number> | null;
}

/**
 * Reads the yardsticks of the risk flags:
 * - the median sales cycle of the deals won in the period (and by now);
 * - the strong competitors: a competitor named on deals closed in the period is strong when the upper
 *   bound of the 95 % Wilson interval of our win rate on those deals lies below our win rate on all
 *   closed deals — we win significantly less often when it is in the race;
 * - per open opportunity, the number of times its expected close date moved later from one ingest
 *   snapshot to the next (needs at least two exports; null otherwise).
 * Filters apply to every part.
 */
export async function readRiskContext(ctx: PipelineContext): Promise<RiskContext> {
  const filter = filterCondition(ctx.filters, "f");
  const params = {...filter.params, start: ctx.period.start, end: ctx.period.end, now: ctx.now};
  const closedSql = `SELECT f.* FROM ${OPPORTUNITY_SCOPE} f
    -- decided in the period and by now
    WHERE ${filter.sql} AND f.outcome IN ('won', 'lost') AND f.closed_at >= $start::TIMESTAMP
      AND f.closed_at < $end::TIMESTAMP AND f.closed_at <= $now::TIMESTAMP`;
  const [cycle] = await readRows<{median_won_cycle_days: number | null; n_won: number; n_closed: number}>(
    ctx.connection,
    `WITH closed AS (${closedSql})
     SELECT median(date_diff('second', created_at, closed_at) / 86400.0)
         FILTER (WHERE outcome = 'won' AND closed_at >= created_at) AS median_won_cycle_days,
       count(*) FILTER (WHERE outcome = 'won')::INTEGER AS n_won, count(*)::INTEGER AS n_closed
     FROM closed`,
    params
  );
  const competitors = await readRows<{competitor: string; n_won: number; n_closed: number}>(
    ctx.connection,
    `WITH closed AS (${closedSql})
     SELECT competitor, count(*) FILTER (WHERE outcome = 'won')::INTEGER AS n_won, count(*)::INTEGER AS n_closed
     FROM closed WHERE competitor IS NOT NULL GROUP BY competitor ORDER BY competitor`,
    params
  );
  const overall = cycle.n_closed ? cycle.n_won / cycle.n_closed : null;
  const strong = new Set(
    competitors
      .filter((c) => overall !== null && (wilsonInterval(c.n_won, c.n_closed)?.upper ?? 1) < overall)
      .map((c) => c.competitor)
  );
  const [{exports}] = await readRows<{exports: number}>(
    ctx.connection,
    `SELECT count(DISTINCT exported_at)::INTEGER AS exports FROM opportunity_snapshots`
  );
  let pushes: Map<string, number> | null = null;
  if (exports >= 2) {
    const rows = await readRows<{opportunity_id: string; pushes: number}>(
      ctx.connection,
      `WITH open_now AS (SELECT f.opportunity_id FROM ${OPPORTUNITY_SCOPE} f WHERE ${filter.sql} AND f.outcome = 'open'),
       moves AS (
         SELECT s.opportunity_id, s.expected_close_at,
           lag(s.expected_close_at) OVER (PARTITION BY s.opportunity_id ORDER BY s.exported_at) AS previous_close_at
         FROM opportunity_snapshots s SEMI JOIN open_now o ON o.opportunity_id = s.opportunity_id
         -- what was known by now
         WHERE s.exported_at <= $now::TIMESTAMP
       )
       SELECT opportunity_id, count(*) FILTER (WHERE expected_close_at > previous_close_at)::INTEGER AS pushes
       FROM moves GROUP BY opportunity_id`,
      {...filter.params, now: ctx.now}
    );
    pushes = new Map(rows.map((row) => [row.opportunity_id, row.pushes]));
  }
  return {median_won_cycle_days: cycle.median_won_cycle_days, strong_competitors: strong, close_date_pushes: pushes};
}
