import type {DuckDBConnection} from "@duckdb/node-api";
import {repLoad, type RepLoadRow} from "../../pipelines/allocation.ts";
import {complianceByRep, type ComplianceByRepRow} from "../../pipelines/follow-up.ts";
import type {ComplianceCounts} from "../../pipelines/follow-up/compliance-counts.ts";
import {readSitePeriods, siteNow} from "../site-now.ts";
import {missingTables} from "../../pipelines/lib/missing-tables.ts";
import {withStageEntries} from "../../pipelines/lib/stage-entries.ts";
import {monthlyWonRevenueByRep} from "../../pipelines/reconciliation.ts";
import {repPerformance, repSegmentWinRates, type RepPerformanceRow} from "../../pipelines/rep-performance.ts";
import {stuckOpportunities} from "../../pipelines/stage-conversion.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {pageSlices, type PageSlices} from "../page-slices.ts";
import {repSlug} from "../read-dynamic-paths.ts";
import {readOriginalAmounts, withOriginalAmount, type OriginalAmount} from "../read-original-amounts.ts";
import {significant} from "../significant.ts";
import type {SitePeriod} from "../site-periods.ts";
import {
  figures,
  MIN_SPECIALTY_DEALS,
  repSpecialties,
  union,
  type PerformanceFigures,
  type RepSpecialtyRow
} from "./reps-data.ts";
import {REPORTING_OPPORTUNITIES, REPORTING_QUOTAS} from "../../pipelines/lib/reporting-amounts.ts";

export interface RepIdentity {
  rep_id: string;
  rep_slug: string;
  rep_name: string | null;
  team: string | null;
  region: string | null;
}

export interface RepPeriodFigures extends PerformanceFigures {
  count_opportunities: number;
  quota: number | null;
  average_won_deal: number | null;
  median_cycle_days: number | null;
  activities_per_opportunity: number | null;
}

/** The rep's follow-up compliance against all reps' (complianceByRep). */
export interface RepCompliance extends Omit<ComplianceCounts, "n_opportunities" | "n_pending"> {
  /** Σ compliant / Σ evaluated over every rep */
  all_compliant_rate: number | null;
}

export interface RepSlice {
  /** null when the rep neither owned a deal in the period nor holds one open */
  performance: RepPeriodFigures | null;
  /** reps ranked in the period (the rank is among them) */
  count_ranked: number;
  /** the same number of days just before the period */
  previous: Pick<PerformanceFigures, "won_revenue" | "win_rate" | "count_won" | "count_lost"> | null;
  /** the rep's team over the period (null for a rep without a team) */
  team: Pick<PerformanceFigures, "win_rate" | "quota_attainment_rate" | "won_revenue"> | null;
  /** segment values where rep and other reps both closed enough deals, the rep's widest lead first */
  segments: Omit<RepSpecialtyRow, "rep_id">[];
  compliance: RepCompliance | null;
  missing: string[];
}

export interface RepMonth {
  /** first day of the month */
  month: string;
  count_won: number;
  won_revenue: number;
  /** the rep's quota for the month; null without one */
  quota: number | null;
}

/** An open deal now; stuck ones (longer in their stage than nine in ten deals) have stage_p90_days. */
export interface RepDeal extends OpenDeal {
  stage_p90_days: number | null;
  is_stuck: boolean;
}

export interface RepData extends PageSlices<RepSlice> {
  /** null when no rep's page has this name */
  rep: RepIdentity | null;
  load: {
    count_open: number;
    team_median_count_open: number;
    load_ratio: number | null;
    is_overloaded: boolean;
  } | null;
  /** won revenue and quota per month from the start of last year to now */
  trend: RepMonth[];
  /**
   * stuck deals first, worst first, then the largest other open deals; the amount before conversion where it
   * was in another currency
   */
  deals: (RepDeal & Partial<OriginalAmount>)[];
  count_open_deals: number;
  min_specialty_deals: number;
  missing: string[];
}

export const MAX_DEALS = 25;
const MAX_SEGMENTS = 15;

/** One period of what every rep's page reads: the computations over all reps, made once. */
interface AllRepsSlice {
  reps: RepPerformanceRow[];
  previous: Map<string | null, RepPerformanceRow>;
  specialties: Map<string, RepSpecialtyRow[]>;
  compliance: ComplianceByRepRow[];
  missing: string[];
}

/**
 * What the rep pages share — rankings, compliance, load, stuck and open deals over all reps — computed
 * once for all of them (readRepPages) and looked up per rep: computing them per page cost one pass over
 * the warehouse per rep.
 */
export interface RepPages {
  owners: Omit<RepIdentity, "rep_slug">[];
  now: string;
  periods: SitePeriod[];
  slices: Record<string, AllRepsSlice>;
  load: Map<string, RepLoadRow>;
  openDeals: Map<string, OpenDeal[]>;
  /** per rep, the open deals its page lists (openDeals: stuck ones first) */
  listed: Map<string, RepDeal[]>;
  /** per rep, won revenue and quota per month from the start of last year to now */
  trends: Map<string, RepMonth[]>;
  /** the amounts before conversion of every deal a rep's page lists */
  originals: Map<string, OriginalAmount>;
  missing: string[];
}

export async function readRepPages(connection: DuckDBConnection): Promise<RepPages> {
  return withStageEntries(connection, async () => {
    const owners = await readOwners(connection);
    const {slices} = await pageSlices(
      connection,
      async (ctx): Promise<AllRepsSlice> => {
        const reps = await repPerformance(ctx);
        const before = ctx.sitePeriod.previous;
        const previous = before ? await repPerformance({...ctx, period: before}) : {rows: []};
        const segments = await repSegmentWinRates(ctx);
        const compliance = await complianceByRep(ctx);
        return {
          reps: reps.rows,
          previous: new Map(previous.rows.map((r) => [r.rep_id, r])),
          specialties: groupBy(repSpecialties(segments.rows, {all: true}), (r) => r.rep_id),
          compliance: compliance.rows,
          missing: union(reps.missing, segments.missing, compliance.missing)
        };
      },
      {byFilter: false}
    );
    const now = await siteNow(connection);
    const periods = await readSitePeriods(connection);
    const ctx = {connection, now, period: periods[0], filters: {}};
    const load = (await repLoad(ctx)).rows;
    const stuckResult = await stuckOpportunities(ctx);
    const stuck = groupBy(stuckResult.rows, (r) => r.owner_rep_id);
    const deals = groupBy(await readOpenDeals(connection, now), (r) => r.owner_rep_id);
    const listed = new Map(
      owners.map((o) => [o.rep_id, openDeals(deals.get(o.rep_id) ?? [], stuck.get(o.rep_id) ?? [])])
    );
    const since = periods.find((p) => p.id === "ly")!.start;
    return {
      owners,
      now,
      periods,
      slices,
      load: new Map(load.map((r) => [r.rep_id, r])),
      openDeals: deals,
      listed,
      trends: await readTrends(
        connection,
        owners.map((o) => o.rep_id),
        {start: since, end: periods[0].end},
        now
      ),
      originals: await readOriginalAmounts(
        connection,
        [...listed.values()].flat().map((deal) => deal.opportunity_id)
      ),
      missing: union(stuckResult.missing, await missingTables(connection, ["quotas", "accounts"]))
    };
  });
}

/**
 * One rep's page, for the rep whose page name (repSlug) is `slug`: per period the rep's figures
 * against all reps — the shrunk win rate and rank come from the same fit as the leaderboard's — with
 * the previous period, the team, the segments where the rep beats the other reps and follow-up
 * compliance; as of now the load, the monthly trend and the open deals. The filter bar's team, region
 * and channel do not apply: the rep is the filter. A build passes `pages`, read once for every rep.
 */
export async function repData(connection: DuckDBConnection, slug: string, pages?: RepPages): Promise<RepData> {
  const shared = pages ?? (await readRepPages(connection));
  const owner = shared.owners.find((r) => repSlug(r.rep_id) === slug);
  if (!owner)
    return {
      rep: null,
      slices: {},
      load: null,
      trend: [],
      deals: [],
      count_open_deals: 0,
      min_specialty_deals: MIN_SPECIALTY_DEALS,
      missing: []
    };
  const rep: RepIdentity = {...owner, rep_slug: slug};
  const slices: Record<string, RepSlice> = {};
  for (const [key, all] of Object.entries(shared.slices)) slices[key] = repSlice(rep, all);
  const trend = shared.trends.get(rep.rep_id) ?? [];
  const load = shared.load.get(rep.rep_id);
  const deals = shared.openDeals.get(rep.rep_id) ?? [];
  const listed = shared.listed.get(rep.rep_id) ?? [];
  return {
    rep,
    slices,
    load: load
      ? {
          count_open: load.count_open,
          team_median_count_open: significant(load.team_median_count_open),
          load_ratio: significant(load.load_ratio),
          is_overloaded: load.is_overloaded
        }
      : null,
    trend,
    deals: listed.map((deal) => withOriginalAmount(deal, shared.originals)),
    count_open_deals: deals.length,
    min_specialty_deals: MIN_SPECIALTY_DEALS,
    missing: shared.missing
  };
}

function repSlice(rep: RepIdentity, all: AllRepsSlice): RepSlice {
  const row = all.reps.find((r) => r.rep_id === rep.rep_id);
  const previous = all.previous.get(rep.rep_id);
  return {
    performance: row ? periodFigures(row) : null,
    count_ranked: all.reps.filter((r) => r.rank !== null).length,
    previous: previous
      ? {
          won_revenue: Math.round(previous.won_revenue),
          win_rate: significant(previous.win_rate),
          count_won: previous.count_won,
          count_lost: previous.count_lost
        }
      : null,
    team: rep.team === null ? null : teamFigures(all.reps.filter((r) => r.team === rep.team)),
    segments: (all.specialties.get(rep.rep_id) ?? []).slice(0, MAX_SEGMENTS).map(({rep_id: _rep, ...r}) => r),
    compliance: repCompliance(all.compliance, rep.rep_id),
    missing: all.missing
  };
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** The owners of opportunities (as readDynamicPaths lists them), with their name, team and region. */
function readOwners(connection: DuckDBConnection): Promise<Omit<RepIdentity, "rep_slug">[]> {
  return readRows<Omit<RepIdentity, "rep_slug">>(
    connection,
    `SELECT DISTINCT o.owner_rep_id AS rep_id, r.name AS rep_name, r.team, r.region
     FROM opportunities o LEFT JOIN reps r ON r.rep_id = o.owner_rep_id
     WHERE o.owner_rep_id IS NOT NULL ORDER BY 1`
  );
}

function periodFigures(row: RepPerformanceRow): RepPeriodFigures {
  return {
    ...figures(row),
    count_opportunities: row.count_opportunities,
    quota: row.quota === null ? null : Math.round(row.quota),
    average_won_deal: row.average_won_deal === null ? null : Math.round(row.average_won_deal),
    median_cycle_days: significant(row.median_cycle_days),
    activities_per_opportunity: significant(row.activities_per_opportunity)
  };
}

/** A team's figures as teamPerformance sums them over its reps, from the reps' rows (one query less). */
function teamFigures(rows: RepPerformanceRow[]): RepSlice["team"] {
  const sum = (value: (r: RepPerformanceRow) => number | null) => rows.reduce((total, r) => total + (value(r) ?? 0), 0);
  const won = sum((r) => r.count_won);
  const closed = won + sum((r) => r.count_lost);
  const revenue = sum((r) => r.won_revenue);
  const quota = sum((r) => r.quota);
  return {
    win_rate: closed > 0 ? significant(won / closed) : null,
    quota_attainment_rate: rows.some((r) => r.quota !== null) && quota > 0 ? significant(revenue / quota) : null,
    won_revenue: Math.round(revenue)
  };
}

function repCompliance(rows: Awaited<ReturnType<typeof complianceByRep>>["rows"], repId: string): RepCompliance | null {
  const row = rows.find((r) => r.rep_id === repId);
  if (!row) return null;
  const evaluated = rows.reduce((sum, r) => sum + r.n_evaluated, 0);
  const compliant = rows.reduce((sum, r) => sum + r.n_compliant, 0);
  return {
    n_evaluated: row.n_evaluated,
    n_compliant: row.n_compliant,
    compliant_rate: significant(row.compliant_rate),
    compliant_rate_lower: significant(row.compliant_rate_lower),
    compliant_rate_upper: significant(row.compliant_rate_upper),
    n_failed_first_contact: row.n_failed_first_contact,
    n_failed_materials: row.n_failed_materials,
    n_failed_second_contact: row.n_failed_second_contact,
    all_compliant_rate: evaluated > 0 ? significant(compliant / evaluated) : null
  };
}

/** Per rep of `reps`, won revenue per month (monthlyWonRevenue, by rep) with the rep's quota, every month of the span. */
async function readTrends(
  connection: DuckDBConnection,
  reps: string[],
  period: {start: string; end: string},
  now: string
): Promise<Map<string, RepMonth[]>> {
  const won = await monthlyWonRevenueByRep({connection, period, now, filters: {}});
  const quotas = await readRows<{rep_id: string; month: string; quota: number}>(
    connection,
    `SELECT rep_id, strftime(month, '%Y-%m-%d') AS month, sum(quota)::DOUBLE AS quota FROM ${REPORTING_QUOTAS}
     WHERE rep_id IS NOT NULL AND month >= $start::DATE AND month < $end::DATE GROUP BY ALL`,
    {start: period.start, end: period.end}
  );
  const wonByMonth = new Map(won.rows.map((r) => [`${r.rep_id}|${String(r.month).slice(0, 10)}`, r]));
  const quotaByMonth = new Map(quotas.map((q) => [`${q.rep_id}|${q.month}`, q.quota]));
  const trends = new Map<string, RepMonth[]>();
  for (const rep of reps) {
    const months: RepMonth[] = [];
    for (let month = period.start.slice(0, 7); `${month}-01` < period.end; month = nextMonth(month)) {
      const day = `${month}-01`;
      const row = wonByMonth.get(`${rep}|${day}`);
      const quota = quotaByMonth.get(`${rep}|${day}`);
      months.push({
        month: day,
        count_won: row?.count_won ?? 0,
        won_revenue: Math.round(row?.won_revenue ?? 0),
        quota: quota === undefined ? null : Math.round(quota)
      });
    }
    trends.set(rep, months);
  }
  return trends;
}

function nextMonth(month: string): string {
  const [year, m] = month.split("-").map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
}

/** An opportunity of the rep's open now, with the days since it entered its stage. */
export interface OpenDeal {
  opportunity_id: string;
  account_name: string | null;
  stage: string;
  amount: number | null;
  expected_close_at: string | null;
  days_in_stage: number | null;
}

/**
 * Every rep's opportunities open now, by the same rule as the open pipeline (open, created by now), with
 * the days since they entered their current stage (stage_entries, as stuckOpportunities reads them).
 */
function readOpenDeals(connection: DuckDBConnection, now: string): Promise<(OpenDeal & {owner_rep_id: string})[]> {
  return readRows<OpenDeal & {owner_rep_id: string}>(
    connection,
    `WITH current_entries AS (
       -- the stage each opportunity is in now: the entry it had not left by now
       SELECT opportunity_id, entered_at FROM stage_entries
       WHERE entered_at <= $now::TIMESTAMP AND (next_entered_at IS NULL OR next_entered_at > $now::TIMESTAMP)
     )
     SELECT o.owner_rep_id, o.opportunity_id, a.name AS account_name, o.stage, o.amount::DOUBLE AS amount,
       strftime(o.expected_close_at, '%Y-%m-%d') AS expected_close_at,
       round(date_diff('second', c.entered_at, $now::TIMESTAMP) / 86400.0) AS days_in_stage
     FROM ${REPORTING_OPPORTUNITIES} o
     LEFT JOIN accounts a ON a.account_id = o.account_id
     LEFT JOIN current_entries c ON c.opportunity_id = o.opportunity_id
     WHERE o.owner_rep_id IS NOT NULL AND o.outcome = 'open' AND o.created_at <= $now::TIMESTAMP
     ORDER BY o.owner_rep_id, o.amount DESC NULLS LAST, o.opportunity_id`,
    {now}
  );
}

function openDeals(
  deals: (OpenDeal & {owner_rep_id?: string})[],
  stuck: {opportunity_id: string; days_in_stage: number; stage_p90_days: number}[]
) {
  const stuckById = new Map(stuck.map((s, i) => [s.opportunity_id, {...s, order: i}]));
  const rows: (RepDeal & {order: number})[] = deals.map(({owner_rep_id: _owner, ...deal}, i) => {
    const s = stuckById.get(deal.opportunity_id);
    return {
      ...deal,
      amount: deal.amount === null ? null : Math.round(deal.amount),
      days_in_stage: s ? Math.round(s.days_in_stage) : deal.days_in_stage,
      stage_p90_days: s ? Math.round(s.stage_p90_days) : null,
      is_stuck: s !== undefined,
      order: s ? s.order : stuck.length + i
    };
  });
  return rows
    .sort((a, b) => a.order - b.order)
    .slice(0, MAX_DEALS)
    .map(({order: _order, ...row}) => row);
}
