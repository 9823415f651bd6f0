import type {DuckDBConnection} from "@duckdb/node-api";
import type {ChannelQualityRow} from "../../pipelines/channel-quality.ts";
import {addMonths, quarterStart} from "../../pipelines/forecast/add-months.ts";
import {combinedQuarter} from "../../pipelines/forecast/combined-quarter.ts";
import {followUpActions, type FollowUpActionRow, type NextStep} from "../../pipelines/follow-up.ts";
import type {PipelineResult} from "../../pipelines/lib/context.ts";
import {
  pipelineAsOf,
  pipelineCoverage,
  pipelineStageProbabilities,
  weightedPipeline
} from "../../pipelines/pipeline.ts";
import {complaintRiskList} from "../../pipelines/service.ts";
import {stuckOpportunities, type StuckOpportunityRow} from "../../pipelines/stage-conversion.ts";
import {
  stageProbabilityOf,
  type LearnedStageProbability
} from "../../pipelines/stage-conversion/stage-probabilities.ts";
import {pageSlices, type PageSlices, type SliceContext} from "../page-slices.ts";
import {sliceKey} from "../site-filters.ts";
import {readByChoiceKey} from "../site-grid.ts";
import {siteNow} from "../site-now.ts";
import {complaintRiskByChoice} from "../../pipelines/service/service-by-slice.ts";
import type {ComplaintRiskRow} from "../../pipelines/service.ts";
import {pastPipelineKey, readPastPipelines, type PastPipelines} from "./pipeline-past.ts";
import {readAccountNames} from "../read-account-names.ts";
import {significant} from "../significant.ts";
import {siteFollowUpPlan} from "../site-follow-up-plan.ts";
import {coveragePeriod} from "../coverage-period.ts";
import {shift} from "../site-periods.ts";
import {
  deepDiscountsAlert,
  moneyAlertsByChoice,
  overdueReceivablesAlert,
  type DiscountAlert,
  type MoneyAlert
} from "./overview-money.ts";
import {ALERT_ROWS} from "./overview-period.ts";
import {TREND_MONTHS, type OverviewQuality} from "./overview-quality.ts";
import {resultCache, type OverviewScope} from "./overview-scope.ts";

export interface PipelineTotals {
  /** the instant the pipeline is reconstructed at */
  as_of: string;
  count_open: number;
  open_amount: number;
  /** Σ open amount × the stage probability learned by then */
  weighted_amount: number;
}

export interface OpportunityAlert {
  opportunity_id: string;
  account_name: string | null;
  owner_rep_id: string | null;
  stage: string;
  amount: number | null;
  /** days in the stage (stuck) or since the last touch (follow-ups) */
  days: number;
}

/** A follow-up due: the plan's next step and the day it is due by (followUpActions). */
export interface FollowUpAlert extends OpportunityAlert {
  next_step: NextStep;
  due_on: string;
}

export interface ComplaintAlert {
  account_id: string;
  account_name: string | null;
  n_open_complaints: number;
  days_open: number;
  n_open_opportunities: number;
  open_amount: number | null;
}

/** An alert: how many rows the pipeline listed, the first ALERT_ROWS, and the tables it lacked. */
export interface Alert<Row> {
  count: number;
  /** Σ amount of all the rows, where they have one */
  amount: number | null;
  rows: Row[];
  missing: string[];
}

/** One filter's "as of now" figures: the open pipeline, the quarter's forecast, the trends and the to-do alerts. */
export interface OverviewNowSlice {
  pipeline: PipelineTotals;
  /** the same filter's pipeline as it stood a quarter and a year before now */
  pipeline_quarter_ago: PipelineTotals;
  pipeline_year_ago: PipelineTotals;
  /** pipeline coverage of the current quarter's remaining quota; ratios null without quotas or under a channel filter */
  coverage: {
    quarter_start: string;
    quarter_end: string;
    open_due_amount: number;
    remaining_quota: number | null;
    coverage_ratio: number | null;
    weighted_coverage_ratio: number | null;
  };
  /** combinedQuarter; null when nothing was won or is open */
  forecast: {
    quarter_start: string;
    combined_amount: number;
    lower_80: number;
    upper_80: number;
    closed_to_date: number;
    pipeline_expected: number;
    run_rate_amount: number | null;
    /** won revenue of the previous quarter and of the same quarter a year earlier, to compare */
    previous_quarter_won: number;
    last_year_quarter_won: number;
  } | null;
  /** monthly series from first_month (TREND_MONTHS values), the current month (to date) last */
  months: {
    first_month: string;
    won_revenue: number[];
    count_leads: (number | null)[];
    count_opportunities: number[];
  };
  stuck: Alert<OpportunityAlert>;
  /** follow-ups overdue or due today, stale opportunities left out; `stale` counts those */
  overdue: Alert<FollowUpAlert> & {stale: number};
  complaints: Alert<ComplaintAlert>;
  receivables: MoneyAlert;
  discounts: DiscountAlert;
  missing: string[];
}

/** What the "as of now" slices read for every filter choice at once, by the choice's slice key (`*|team=华北`). */
interface GroupedNow {
  money: Map<string, {receivables: MoneyAlert; discounts: DiscountAlert}>;
  complaints: Map<string, PipelineResult<ComplaintRiskRow>>;
  past: PastPipelines;
}

/**
 * The part of the overview that does not depend on the period, one slice per filter. The stuck and overdue
 * lists are company-wide lists each filter picks its rows from (their thresholds are company-wide too), so
 * they run once; the monthly series is the one the period slices read (overviewQuality). The money and
 * complaint alerts and the pipeline a quarter and a year ago come from one query each for every filter
 * (moneyAlertsByChoice, complaintRiskByChoice, readPastPipelines); `grouped` false computes them slice by slice.
 */
export async function overviewNowSlices(
  connection: DuckDBConnection,
  scope: OverviewScope,
  quality: OverviewQuality,
  grouped = true
): Promise<PageSlices<OverviewNowSlice>> {
  const now = await siteNow(connection);
  // the days a quarter and a year before now, whose pipeline each slice compares with now's
  const today = now.slice(0, 10);
  const [quarterAgo, yearAgo] = [-3, -12].map((months) => shift({start: today, end: today}, months).start);
  const byChoice: GroupedNow | undefined = grouped
    ? {
        money: await readByChoiceKey(connection, moneyAlertsByChoice),
        complaints: await readByChoiceKey(connection, complaintRiskByChoice),
        past: await readPastPipelines(connection, [quarterAgo, yearAgo])
      }
    : undefined;
  const learned = resultCache<LearnedStageProbability[]>();
  const probabilitiesAt = (at: string) => learned(at, () => pipelineStageProbabilities(connection, at));
  const stuck = resultCache<PipelineResult<StuckOpportunityRow>>();
  const actions = resultCache<PipelineResult<FollowUpActionRow>>();
  const plan = siteFollowUpPlan();
  return pageSlices(
    connection,
    async (ctx) => {
      const matches = scope.matches(ctx.choice);
      const probabilities = await probabilitiesAt(ctx.now);
      const weighted = await weightedPipeline(ctx, {learned: probabilities});
      const quarter = quarterStart(ctx.now);
      // the pipeline page's coverage for quarter to date, which the tile links to
      const coverage = await pipelineCoverage(
        {...ctx, period: coveragePeriod({id: "qtd"}, ctx.now)!},
        {learned: probabilities}
      );
      // the statistical forecast beside it is the forecast page's: skipping it halves the cost
      const forecast = await combinedQuarter(ctx, {stageProbabilities: probabilities, revenueForecasts: []});
      const series = await quality.months(ctx);
      const months = monthlySeries(series.first, series.rows);
      const stuckAll = await stuck("all", () => stuckOpportunities({...ctx, filters: {}}));
      const actionsAll = await actions("all", () => followUpActions({...ctx, filters: {}}, plan));
      const key = sliceKey("*", ctx.choice);
      const complaints = byChoice?.complaints.get(key) ?? (await complaintRiskList(ctx));
      const actionRows = actionsAll.rows.filter(matches);
      // a stale opportunity is a record to clean up (data-quality page), not one to act on
      const stale = new Set(actionRows.filter((row) => row.due_status === "stale").map((row) => row.opportunity_id));
      const stuckRows = stuckAll.rows.filter((row) => matches(row) && !stale.has(row.opportunity_id));
      // already by due day, then larger amount
      const overdueRows = actionRows.filter((row) => row.due_status === "overdue" || row.due_status === "today");
      const shown = {
        stuck: [...stuckRows].sort(byAmount).slice(0, ALERT_ROWS),
        overdue: overdueRows.slice(0, ALERT_ROWS),
        complaints: complaints.rows.slice(0, ALERT_ROWS)
      };
      const names = await readAccountNames(
        ctx.connection,
        [...shown.stuck, ...shown.overdue, ...shown.complaints].map((row) => row.account_id)
      );
      const nameOf = (id: string | null) => (id === null ? null : (names.get(id) ?? null));
      const quarterWon = (start: string) => sumMonths(months, start, 3);
      const q = coverage.rows[0];
      const f = forecast.rows[0];
      return {
        pipeline: {
          as_of: ctx.now,
          count_open: sum(weighted.rows, (row) => row.count_opportunities),
          open_amount: Math.round(sum(weighted.rows, (row) => row.amount)),
          weighted_amount: Math.round(sum(weighted.rows, (row) => row.weighted_amount))
        },
        pipeline_quarter_ago: await pipelineThen(ctx, quarterAgo, probabilitiesAt, byChoice),
        pipeline_year_ago: await pipelineThen(ctx, yearAgo, probabilitiesAt, byChoice),
        coverage: {
          quarter_start: q.period_start,
          quarter_end: q.period_end,
          open_due_amount: Math.round(q.open_due_amount),
          remaining_quota: roundOrNull(q.remaining_quota),
          coverage_ratio: significant(q.coverage_ratio),
          weighted_coverage_ratio: significant(q.weighted_coverage_ratio)
        },
        forecast: f
          ? {
              quarter_start: f.quarter_start,
              combined_amount: Math.round(f.combined_amount),
              lower_80: Math.round(f.lower_80),
              upper_80: Math.round(f.upper_80),
              closed_to_date: Math.round(f.closed_to_date),
              pipeline_expected: Math.round(f.pipeline_expected),
              run_rate_amount: roundOrNull(f.run_rate_amount),
              previous_quarter_won: quarterWon(addMonths(quarter, -3)),
              last_year_quarter_won: quarterWon(addMonths(quarter, -12))
            }
          : null,
        months,
        stuck: {
          count: stuckRows.length,
          amount: Math.round(sum(stuckRows, (row) => row.amount)),
          rows: shown.stuck.map((row) => ({
            ...opportunityAlert(row, nameOf(row.account_id)),
            days: Math.round(row.days_in_stage)
          })),
          missing: stuckAll.missing
        },
        overdue: {
          count: overdueRows.length,
          amount: Math.round(sum(overdueRows, (row) => row.amount)),
          rows: shown.overdue.map((row) => ({
            ...opportunityAlert(row, nameOf(row.account_id)),
            days: Math.round(row.days_since_touch),
            next_step: row.next_step,
            due_on: row.due_on
          })),
          stale: stale.size,
          missing: actionsAll.missing
        },
        complaints: {
          count: complaints.rows.length,
          amount: Math.round(sum(complaints.rows, (row) => row.open_amount)),
          rows: shown.complaints.map((row) => ({
            account_id: row.account_id,
            account_name: nameOf(row.account_id),
            n_open_complaints: row.n_open_complaints,
            days_open: Math.round(row.days_open),
            n_open_opportunities: row.n_open_opportunities,
            open_amount: roundOrNull(row.open_amount)
          })),
          missing: complaints.missing
        },
        receivables: byChoice?.money.get(key)?.receivables ?? (await overdueReceivablesAlert(ctx)),
        discounts: byChoice?.money.get(key)?.discounts ?? (await deepDiscountsAlert(ctx)),
        missing: [
          ...new Set([...weighted.missing, ...stuckAll.missing, ...actionsAll.missing, ...complaints.missing])
        ].sort()
      };
    },
    {byPeriod: false}
  );
}

/** The open pipeline as it stood at the start of `date`, weighted by the stage probabilities learned by then. */
async function pipelineThen(
  ctx: SliceContext,
  date: string,
  probabilitiesAt: (at: string) => Promise<LearnedStageProbability[]>,
  byChoice: GroupedNow | undefined
): Promise<PipelineTotals> {
  const rows = byChoice
    ? (byChoice.past.rows.get(date)?.get(pastPipelineKey(ctx.choice)) ?? [])
    : (await pipelineAsOf(ctx, {date})).rows;
  const probability = stageProbabilityOf(await probabilitiesAt(`${date}T00:00:00Z`));
  return {
    as_of: `${date}T00:00:00Z`,
    count_open: sum(rows, (row) => row.count_opportunities),
    open_amount: Math.round(sum(rows, (row) => row.amount)),
    weighted_amount: Math.round(sum(rows, (row) => row.amount * (probability(row.stage) ?? 0)))
  };
}

function monthlySeries(first: string, rows: ChannelQualityRow[]): OverviewNowSlice["months"] {
  const hasLeads = rows.some((row) => row.count_leads !== null);
  const won = new Array<number>(TREND_MONTHS).fill(0);
  const leads = new Array<number | null>(TREND_MONTHS).fill(hasLeads ? 0 : null);
  const opportunities = new Array<number>(TREND_MONTHS).fill(0);
  for (const row of rows) {
    const i = monthIndex(first, row.bucket_start);
    won[i] += row.won_revenue;
    if (hasLeads) leads[i] = (leads[i] ?? 0) + (row.count_leads ?? 0);
    opportunities[i] += row.count_opportunities;
  }
  return {first_month: first, won_revenue: won.map(Math.round), count_leads: leads, count_opportunities: opportunities};
}

function sumMonths(months: OverviewNowSlice["months"], start: string, count: number): number {
  const from = monthIndex(months.first_month, start);
  return months.won_revenue.slice(Math.max(from, 0), Math.max(from + count, 0)).reduce((a, b) => a + b, 0);
}

function monthIndex(first: string, month: string): number {
  const index = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
  return index(month) - index(first);
}

function opportunityAlert(
  row: {opportunity_id: string; owner_rep_id: string | null; stage: string; amount: number | null},
  accountName: string | null
): Omit<OpportunityAlert, "days"> {
  return {
    opportunity_id: row.opportunity_id,
    account_name: accountName,
    owner_rep_id: row.owner_rep_id,
    stage: row.stage,
    amount: roundOrNull(row.amount)
  };
}

function sum<T>(rows: T[], f: (row: T) => number | null): number {
  return rows.reduce((total, row) => total + (f(row) ?? 0), 0);
}

function byAmount(a: {amount: number | null}, b: {amount: number | null}): number {
  return (b.amount ?? 0) - (a.amount ?? 0);
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}
