import type {DuckDBConnection} from "@duckdb/node-api";
import type {Filters} from "../../pipelines/lib/context.ts";
import {filterCondition} from "../../pipelines/lib/filter-condition.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../../pipelines/lib/opportunity-scope.ts";
import {withStageEntries} from "../../pipelines/lib/stage-entries.ts";
import {LEARNING_DAYS} from "../../pipelines/pipeline.ts";
import {
  kaplanMeierQuantiles,
  learnStageProbabilities,
  stuckOpportunities,
  type StuckOpportunityRow
} from "../../pipelines/stage-conversion.ts";
import {readStageDurations, roundDays} from "../../pipelines/stage-conversion/time-in-stage.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {compactTable, type CompactTable} from "../compact-table.ts";
import type {SliceContext} from "../page-slices.ts";
import {readAccountNames} from "../read-account-names.ts";
import {readOriginalAmounts, withOriginalAmount} from "../read-original-amounts.ts";
import {significant} from "../significant.ts";
import type {Catalogue} from "./catalogue.ts";

/** Stuck opportunities listed per filter; the counts cover all of them. */
export const STUCK_ROWS = 20;

/** What holds now, whatever the period, for one filter: stuck opportunities and learned stage probabilities. */
export interface FunnelNowSlice {
  /** open opportunities now */
  count_open: number;
  count_stuck: number;
  /** per open stage: stuck opportunities now */
  count_stuck_by_stage: number[];
  /** the STUCK_ROWS furthest past the line, worst first, as indices into `stuck_opportunities` */
  stuck: number[];
  /** per open stage: learnStageProbabilities over the opportunities closed in the last LEARNING_DAYS */
  stage_probabilities: CompactTable<{
    count_closed_reached: number;
    count_won: number;
    learned_probability: number | null;
  }>;
  missing: string[];
}

/** A row of the stuck list: no contact data; the account by name only in `account_name`. */
export interface StuckOpportunity {
  opportunity_id: string;
  account_name: string | null;
  rep_name: string | null;
  stage: string;
  days_in_stage: number;
  days_over_p90: number;
  amount: number | null;
  currency: string | null;
  expected_close_at: string | null;
  /** the amount before conversion, where it was in another currency */
  amount_original?: number;
  currency_original?: string;
}

/** Every stuck opportunity now, with its owner's region, and each open stage's line. */
export interface AllStuck {
  rows: (StuckOpportunityRow & {region: string | null})[];
  /** per open stage, the p90 time in stage over all history (stuckOpportunities' line) */
  norms: Map<string, number | null>;
  missing: string[];
}

/**
 * Every stuck opportunity once: the line is company-wide whatever the filters, so a filter's stuck list
 * is this list narrowed by the filter — one query instead of one per filter.
 */
export async function readAllStuck(connection: DuckDBConnection, now: string): Promise<AllStuck> {
  // the period plays no part in the stuck list
  const period = {start: now.slice(0, 10), end: now.slice(0, 10)};
  const {stuck, durations} = await withStageEntries(connection, async () => ({
    stuck: await stuckOpportunities({connection, now, period}),
    durations: await readStageDurations(connection, {now})
  }));
  const reps = await readRows<{rep_id: string; region: string | null}>(connection, `SELECT rep_id, region FROM reps`);
  const regionOf = new Map(reps.map((r) => [r.rep_id, r.region]));
  return {
    rows: stuck.rows.map((r) => ({
      ...r,
      region: r.owner_rep_id === null ? null : (regionOf.get(r.owner_rep_id) ?? null)
    })),
    norms: new Map([...durations].map(([stage, times]) => [stage, roundDays(kaplanMeierQuantiles(times, [0.9])[0])])),
    missing: stuck.missing
  };
}

export async function funnelNowSlice(
  ctx: SliceContext,
  {open, stuck, stuckRows}: {open: string[]; stuck: AllStuck; stuckRows: Catalogue<StuckOpportunity>}
): Promise<FunnelNowSlice> {
  const mine = stuck.rows.filter((r) => matches(r, ctx.filters ?? {}));
  const listed = mine.slice(0, STUCK_ROWS);
  const names = await readAccountNames(
    ctx.connection,
    listed.map((r) => r.account_id)
  );
  const originals = await readOriginalAmounts(
    ctx.connection,
    listed.map((r) => r.opportunity_id)
  );
  const since = new Date(Date.parse(ctx.now) - LEARNING_DAYS * 86_400_000).toISOString();
  const learned = await learnStageProbabilities(ctx.connection, {since, until: ctx.now, filters: ctx.filters});
  const byStage = new Map(learned.map((r) => [r.stage, r]));
  return {
    count_open: await countOpen(ctx),
    count_stuck: mine.length,
    count_stuck_by_stage: open.map((stage) => mine.filter((r) => r.stage === stage).length),
    stuck: listed.map((r) =>
      stuckRows.index(
        withOriginalAmount(
          {
            opportunity_id: r.opportunity_id,
            account_name: r.account_id === null ? null : (names.get(r.account_id) ?? null),
            rep_name: r.rep_name,
            stage: r.stage,
            days_in_stage: Math.round(r.days_in_stage * 10) / 10,
            days_over_p90: Math.round(r.days_over_p90 * 10) / 10,
            amount: r.amount === null ? null : Math.round(r.amount),
            currency: r.currency,
            expected_close_at: r.expected_close_at
          },
          originals
        )
      )
    ),
    stage_probabilities: compactTable(
      open.map((stage) => ({
        count_closed_reached: byStage.get(stage)?.count_closed_reached ?? 0,
        count_won: byStage.get(stage)?.count_won ?? 0,
        learned_probability: significant(byStage.get(stage)?.learned_probability ?? null)
      }))
    ),
    missing: stuck.missing
  };
}

/** Whether a stuck opportunity passes the filters as filterCondition applies them (team, region, source). */
function matches(row: AllStuck["rows"][number], filters: Filters): boolean {
  return (
    (filters.team === undefined || row.team === filters.team) &&
    (filters.region === undefined || row.region === filters.region) &&
    (filters.channel === undefined || row.source === filters.channel)
  );
}

async function countOpen(ctx: SliceContext): Promise<number> {
  const {sql, params} = filterCondition(ctx.filters, "f");
  const [row] = await readRows<{n: number}>(
    ctx.connection,
    `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL})
     SELECT count(*)::INTEGER AS n FROM opportunity_scope f WHERE f.outcome = 'open' AND ${sql}`,
    params
  );
  return row.n;
}
