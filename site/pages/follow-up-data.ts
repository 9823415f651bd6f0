import type {DuckDBConnection} from "@duckdb/node-api";
import {BY_CHANNEL} from "../../pipelines/follow-up/compliance-by-channel.ts";
import {BY_REP} from "../../pipelines/follow-up/compliance-by-rep.ts";
import {followUpBySlice, type FollowUpSliceResults} from "../../pipelines/follow-up/follow-up-by-slice.ts";
import {complianceCounts, type ComplianceCounts} from "../../pipelines/follow-up/compliance-counts.ts";
import type {FollowUpActionRow} from "../../pipelines/follow-up/follow-up-actions.ts";
import {readActionsByChoice} from "./actions-by-choice.ts";
import {
  followUpActions,
  followUpChannelMix,
  followUpWorkload,
  winRateByCompliance,
  winRateByFollowUpMix,
  type FollowUpOptions
} from "../../pipelines/follow-up.ts";
import type {PipelineContext, PipelineResult} from "../../pipelines/lib/context.ts";
import {wilsonInterval} from "../../pipelines/stats/wilson-interval.ts";
import {tablesOf, type TableOf} from "../compact-table.ts";
import {pageSlices} from "../page-slices.ts";
import {readAccountNames} from "../read-account-names.ts";
import {scoredNow, winProbabilities} from "./scored-now.ts";
import type {ScoringResults} from "../../pipelines/scoring.ts";
import {ORIGINAL_AMOUNT_COLUMNS, readOriginalAmounts, withOriginalAmount} from "../read-original-amounts.ts";
import {shareEqualSlices} from "../shared-slices.ts";
import {siteFollowUpPlan} from "../site-follow-up-plan.ts";
import {sliceKey} from "../site-filters.ts";
import {siteNow} from "../site-now.ts";
import {readSiteGrid} from "../site-grid.ts";

/** Follow-ups listed per filter; the counts and amounts cover all of them. */
export const ACTION_ROWS = 50;
/** Reps listed per filter by follow-ups due, the most first; n_reps counts them all. */
export const WORKLOAD_REPS = 20;

const COMPLIANCE = [
  "n_evaluated",
  "n_compliant",
  "n_pending",
  "compliant_rate",
  "compliant_rate_lower",
  "compliant_rate_upper",
  "n_failed_first_contact",
  "n_failed_materials",
  "n_failed_second_contact"
] as const;
const WIN_RATE = ["n_closed", "n_won", "win_rate", "win_rate_lower", "win_rate_upper"] as const;
const WORKLOAD = ["n_overdue", "n_today", "n_week", "n_stale", "amount_due"] as const;

/** The columns of each table of the page, in order. */
export const FOLLOW_UP_COLUMNS = {
  compliance: COMPLIANCE,
  by_rep: ["rep_id", ...COMPLIANCE],
  by_channel: ["channel", ...COMPLIANCE],
  win_rate_by_compliance: ["plan_status", ...WIN_RATE],
  channel_mix: ["type", "n_activities", "activity_rate", "n_opportunities"],
  win_rate_by_dominant_channel: ["type", ...WIN_RATE],
  win_rate_by_visit: ["visit", ...WIN_RATE],
  // the amount before conversion: columns only where a listed row was in another currency
  actions: [
    "opportunity_id",
    "account_name",
    "rep_name",
    "team",
    "stage",
    "amount",
    "win_probability",
    "next_step",
    "due_on",
    "due_status",
    "last_touch_at",
    ...ORIGINAL_AMOUNT_COLUMNS
  ],
  workload_by_rep: ["owner_rep_id", "rep_name", "team", ...WORKLOAD],
  workload_by_team: ["team", ...WORKLOAD]
} as const;

type Table = keyof typeof FOLLOW_UP_COLUMNS;
/** A table of the page, of the columns FOLLOW_UP_COLUMNS[table] (tablesOf). */
export type FollowUpTable<T extends Table> = TableOf<typeof FOLLOW_UP_COLUMNS, T>;
const table = tablesOf(FOLLOW_UP_COLUMNS);

/**
 * One slice of the follow-up page: plan compliance of the opportunities created in the period (all of
 * them in `compliance`, one row), by rep and by channel; win rates of the opportunities closed in the
 * period by plan status, dominant follow-up channel and visit; the channel mix of the period's activities.
 */
export type FollowUpSlice = {missing: string[]} & {[T in Exclude<Table, TodayTable>]: FollowUpTable<T>};
type TodayTable = "actions" | "workload_by_rep" | "workload_by_team";

/**
 * The follow-ups of one filter choice at now (followUpActions): how many are overdue, due today, due this week
 * and stale with their open amounts; the first ACTION_ROWS to act on (stale ones left out) by due day, then
 * larger amount, with the win probability the priority list shows; the same counts per rep and per team.
 */
export type TodaySlice = {
  missing: string[];
  /** reps with an open opportunity; workload_by_rep lists the WORKLOAD_REPS with the most due */
  n_reps: number;
  counts: Record<"overdue" | "today" | "week" | "stale", {count: number; amount: number}>;
} & {[T in TodayTable]: FollowUpTable<T>};

export interface FollowUpData {
  /** per period and filter; a slice equal to an earlier one is that one's key (shareEqualSlices) */
  slices: Record<string, FollowUpSlice | string>;
  /** as of now: one slice per filter choice ("*|all", "*|team=华北" …) */
  today: Record<string, TodaySlice | string>;
  /** the name and team of every rep a by_rep table lists, by rep_id, written once for all slices */
  people: Record<string, {rep_name: string | null; team: string | null}>;
  /** the plan's thresholds, for the page's wording */
  plan: FollowUpOptions;
}

/**
 * The follow-up page: per period and filter, plan compliance (overall, by rep, by channel), the win
 * rate of compliant against not-compliant opportunities, the mix of follow-up channels and the win rate
 * by mix; per filter, the opportunities overdue today. `grouped` false computes the slices one by one.
 * `scored` gives the open opportunities' scores (scoredNow) when a build has them already.
 */
export async function followUpData(
  connection: DuckDBConnection,
  plan: FollowUpOptions = siteFollowUpPlan(),
  grouped = true,
  scored: () => Promise<ScoringResults> = () => scoredNow(connection)
): Promise<FollowUpData> {
  const people: FollowUpData["people"] = {};
  const slices = grouped
    ? await followUpSlices(connection, people, plan)
    : (await pageSlices(connection, (ctx) => followUpSlice(ctx, people, plan))).slices;
  // scored once, and only when a slice lists a follow-up
  let chance: Promise<Map<string, number>> | undefined;
  const chances = () => (chance ??= scored().then(winProbabilities));
  const today = grouped
    ? await todaySlices(connection, plan, chances)
    : (await pageSlices(connection, (ctx) => todaySlice(ctx, plan, chances), {byPeriod: false})).slices;
  return {slices: shareEqualSlices(slices), today: shareEqualSlices(today), people, plan};
}

/** One slice; the reps its by_rep table lists are added to `people`. */
export async function followUpSlice(
  ctx: PipelineContext,
  people: FollowUpData["people"] = {},
  plan: Partial<FollowUpOptions> = {}
): Promise<FollowUpSlice> {
  return sliceOf(
    {
      compliance: await complianceCounts<CountedRow>(ctx, [BY_REP, BY_CHANNEL], plan),
      winRate: await winRateByCompliance(ctx, plan),
      mix: await followUpChannelMix(ctx),
      byMix: await winRateByFollowUpMix(ctx)
    },
    people
  );
}

type CountedRow = ComplianceCounts & Record<string, string | number | null>;

/**
 * Every slice of the page by period and filter, each pipeline run once for all of them (followUpBySlice):
 * the same slices as followUpSlice computes one by one.
 */
export async function followUpSlices(
  connection: DuckDBConnection,
  people: FollowUpData["people"] = {},
  plan: Partial<FollowUpOptions> = {}
): Promise<Record<string, FollowUpSlice>> {
  const {grid, periods, choices} = await readSiteGrid(connection);
  const results = await followUpBySlice<CountedRow>(grid, [BY_REP, BY_CHANNEL], plan);
  const slices: Record<string, FollowUpSlice> = {};
  for (const [p, period] of periods.entries())
    for (const [c, choice] of choices.entries()) slices[sliceKey(period.id, choice)] = sliceOf(results[p][c], people);
  return slices;
}

function sliceOf(
  {compliance: [byRep, byChannel], winRate, mix, byMix}: FollowUpSliceResults<CountedRow>,
  people: FollowUpData["people"]
): FollowUpSlice {
  for (const row of byRep.rows)
    if (typeof row.rep_id === "string")
      people[row.rep_id] ??= {rep_name: row.rep_name as string | null, team: row.team as string | null};
  const mixRows = (dimension: string, as: string) =>
    byMix.rows.filter((row) => row.dimension === dimension).map((row) => ({...row, [as]: row.value}));
  return {
    missing: [...new Set([...byRep.missing, ...winRate.missing, ...mix.missing, ...byMix.missing])],
    compliance: table("compliance", [totalCounts(byChannel.rows)]),
    by_rep: table("by_rep", byRep.rows),
    by_channel: table("by_channel", byChannel.rows),
    win_rate_by_compliance: table("win_rate_by_compliance", winRate.rows),
    channel_mix: table("channel_mix", mix.rows),
    win_rate_by_dominant_channel: table("win_rate_by_dominant_channel", mixRows("dominant_channel", "type")),
    win_rate_by_visit: table("win_rate_by_visit", mixRows("visit", "visit"))
  };
}

/** The "today" slice of every filter choice, the follow-ups of all of them read in one query (readActionsByChoice). */
async function todaySlices(
  connection: DuckDBConnection,
  plan: Partial<FollowUpOptions>,
  chances: () => Promise<Map<string, number>>
): Promise<Record<string, TodaySlice>> {
  const now = await siteNow(connection);
  const slices: Record<string, TodaySlice> = {};
  for (const [key, actions] of await readActionsByChoice(connection, plan))
    slices[key] = await todayOf({connection, now}, actions, chances);
  return slices;
}

export async function todaySlice(
  ctx: PipelineContext,
  plan: Partial<FollowUpOptions> = {},
  chances: () => Promise<Map<string, number>> = async () => winProbabilities(await scoredNow(ctx.connection))
): Promise<TodaySlice> {
  return todayOf(ctx, await followUpActions(ctx, plan), chances);
}

/** One filter choice's "today" slice from its follow-ups (followUpActions). */
async function todayOf(
  ctx: Pick<PipelineContext, "connection" | "now">,
  {rows, missing}: PipelineResult<FollowUpActionRow>,
  chances: () => Promise<Map<string, number>>
): Promise<TodaySlice> {
  const counts = {} as TodaySlice["counts"];
  for (const status of ["overdue", "today", "week", "stale"] as const) {
    const these = rows.filter((row) => row.due_status === status);
    counts[status] = {count: these.length, amount: Math.round(these.reduce((sum, row) => sum + (row.amount ?? 0), 0))};
  }
  // rows come by due day, then larger amount
  const listed = rows.filter((row) => row.due_status !== "stale" && row.due_status !== "later").slice(0, ACTION_ROWS);
  const names = await readAccountNames(
    ctx.connection,
    listed.map((row) => row.account_id)
  );
  const originals = await readOriginalAmounts(
    ctx.connection,
    listed.map((row) => row.opportunity_id)
  );
  const probabilities = listed.length > 0 ? await chances() : new Map<string, number>();
  const owners = new Map(rows.map((row) => [row.owner_rep_id, row]));
  const byRep = followUpWorkload(rows, "owner_rep_id");
  return {
    missing,
    n_reps: byRep.length,
    counts,
    actions: table(
      "actions",
      listed.map((row) =>
        withOriginalAmount(
          {
            ...row,
            account_name: row.account_id === null ? null : (names.get(row.account_id) ?? null),
            win_probability: probabilities.get(row.opportunity_id) ?? null,
            last_touch_at: row.last_touch_at?.slice(0, 10) ?? null
          },
          originals
        )
      ),
      {dropNull: ORIGINAL_AMOUNT_COLUMNS}
    ),
    workload_by_rep: table(
      "workload_by_rep",
      byRep.slice(0, WORKLOAD_REPS).map((row) => ({
        ...row,
        owner_rep_id: row.key,
        rep_name: owners.get(row.key)?.rep_name ?? null,
        team: owners.get(row.key)?.team ?? null,
        amount_due: Math.round(row.amount_due)
      }))
    ),
    workload_by_team: table(
      "workload_by_team",
      followUpWorkload(rows, "team").map((row) => ({...row, team: row.key, amount_due: Math.round(row.amount_due)}))
    )
  };
}

function totalCounts(rows: ComplianceCounts[]): ComplianceCounts {
  const total = {
    n_opportunities: 0,
    n_pending: 0,
    n_evaluated: 0,
    n_compliant: 0,
    n_failed_first_contact: 0,
    n_failed_materials: 0,
    n_failed_second_contact: 0
  };
  for (const row of rows) for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += row[key];
  const interval = wilsonInterval(total.n_compliant, total.n_evaluated);
  return {
    ...total,
    compliant_rate: total.n_evaluated > 0 ? total.n_compliant / total.n_evaluated : null,
    compliant_rate_lower: interval?.lower ?? null,
    compliant_rate_upper: interval?.upper ?? null
  };
}
