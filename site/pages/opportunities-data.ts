import type {DuckDBConnection} from "@duckdb/node-api";
import {budgetAllocation, type BudgetAllocationRow} from "../../pipelines/allocation/budget-allocation.ts";
import {explainReassignment} from "../../pipelines/allocation/reassignment-text.ts";
import {
  DEFAULT_MIN_GAIN_SHARE,
  suggestedReassignments,
  type ReassignmentRow
} from "../../pipelines/allocation/suggested-reassignments.ts";
import {discovery, type DiscoveryResults} from "../../pipelines/discovery.ts";
import {discoveryByChoice} from "../../pipelines/discovery/discovery-by-choice.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {OPPORTUNITY_SCOPE} from "../../pipelines/lib/opportunity-scope.ts";
import {type OpportunityScoreRow, type ScoringEvaluationRow, type ScoringResults} from "../../pipelines/scoring.ts";
import {scoreLeads, type LeadScoring} from "../../pipelines/scoring/score-leads.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {compactTable, type CompactTable} from "../compact-table.ts";
import {pageSlices, type PageSlices, type SliceContext} from "../page-slices.ts";
import {readAccountNames} from "../read-account-names.ts";
import {readOriginalAmounts, withOriginalAmount, type OriginalAmount} from "../read-original-amounts.ts";
import {significant} from "../significant.ts";
import {sliceKey, type FilterChoice} from "../site-filters.ts";
import {readByChoiceKey} from "../site-grid.ts";
import {siteLocale, type SiteLocale} from "../site-locale.ts";
import {historyUntil} from "./forecast-data.ts";
import {scoredNow} from "./scored-now.ts";
import {leadScoresData, type LeadScoresData} from "./lead-scores-data.ts";
import {roundedTestMetrics} from "./rounded-test-metrics.ts";
import {reliabilityBins, type ReliabilityBin} from "./reliability-bins.ts";
import {nameReason} from "./name-reason.ts";
import {readRepNames} from "../read-rep-names.ts";
import {hiddenDimensions} from "../hidden-names.ts";

/** Opportunities in a slice's priority list, by expected value. */
export const PRIORITY_ROWS = 50;
/** Accounts in each discovery list. */
export const DISCOVERY_ROWS = 10;
/** Suggested reassignments a slice lists, the greatest gain first. */
export const MOVE_ROWS = 10;

/** A scored open opportunity as the priority list shows it (reasons and risks in the site's language). */
export interface PriorityDeal {
  opportunity_id: string;
  account_name: string | null;
  rep_name: string | null;
  stage: string | null;
  expected_close_at: string | null;
  amount: number | null;
  win_probability: number;
  expected_value: number | null;
  reasons: string[];
  risks: string;
  risk_count: number;
}

export interface Reassignment {
  opportunity_id: string;
  account_name: string | null;
  industry: string;
  team: string;
  from_rep_id: string;
  from_rep_name: string | null;
  to_rep_id: string;
  to_rep_name: string | null;
  reason: ReassignmentRow["reason"];
  win_probability_before: number;
  win_probability_after: number;
  expected_value_gain: number;
  explanation: string;
}

/** An account a discovery list names, once for all slices. */
export interface DiscoveredAccount {
  account_name: string | null;
  industry: string | null;
  size_band: string | null;
  province: string | null;
}

/** A look-alike account (its profile in `accounts`): how many accounts share the profile and how many bought. */
export interface Lookalike {
  account_id: string;
  n_profile_accounts: number;
  n_profile_customers: number;
  profile_customer_rate_shrunk: number;
  lift: number;
  count_lost_opportunities: number;
}

export interface RepeatDue {
  account_id: string;
  rep_name: string | null;
  n_purchases: number;
  median_interval_days: number;
  last_purchase_at: string;
  due_at: string;
  days_overdue: number;
  is_lapsed: boolean;
  average_amount: number | null;
}

/** One filter choice's lists, as of now. */
export interface OpportunitiesSlice {
  missing: string[];
  count_open: number;
  expected_value: number;
  count_with_risks: number;
  /** ids into `deals`, the highest expected value first, at most PRIORITY_ROWS */
  priority: string[];
  /** ids into `reassignments`, the greatest gain first, at most MOVE_ROWS */
  reassignments: string[];
  /** the reassignments suggested for the slice's deals, listed or not */
  count_reassignments: number;
  /** the discovery lists, best first */
  lookalikes: CompactTable<Lookalike>;
  repeat_due: CompactTable<RepeatDue>;
}

/** One period's marketing budget split (company-wide: spend is recorded per channel). */
export interface BudgetSlice {
  missing: string[];
  rows: Pick<
    BudgetAllocationRow,
    | "source"
    | "rank"
    | "cost"
    | "count_won"
    | "count_lost"
    | "win_rate"
    | "roi"
    | "roi_lower"
    | "roi_upper"
    | "cost_per_won_deal"
    | "current_share"
    | "next_share"
    | "next_budget"
    | "margin_at_next_budget"
  >[];
  total_cost: number;
  total_margin: number;
  total_margin_at_next_budget: number;
  total_margin_at_next_budget_lower: number | null;
}

/** How the scores were checked: the model and both baselines, chosen on the validation part, tested after. */
export interface ScoringModel {
  method: string | null;
  missing: string[];
  evaluation: Pick<
    ScoringEvaluationRow,
    | "method"
    | "is_used"
    | "split_kind"
    | "validation_at"
    | "split_at"
    | "n_train_opportunities"
    | "n_validation_opportunities"
    | "n_test_opportunities"
    | "auc"
    | "auc_lower"
    | "auc_upper"
    | "brier_score"
    | "brier_score_lower"
    | "brier_score_upper"
    | "log_loss"
    | "validation_auc"
    | "validation_brier_score"
    | "calibration_method"
    | "calibrated_brier_score"
    | "calibrated_brier_score_lower"
    | "calibrated_brier_score_upper"
    | "note"
  >[];
  /** the used method's calibration on the test part, before and after recalibration (is_calibrated) */
  calibration: ReliabilityBin[];
}

export interface OpportunitiesData extends PageSlices<OpportunitiesSlice> {
  /** every opportunity some slice lists, by id; the amount before conversion where it was in another currency */
  deals: Record<string, PriorityDeal & Partial<OriginalAmount>>;
  /** every suggested move some slice lists, by opportunity id */
  reassignments: Record<string, Reassignment>;
  /** the least share of the median open deal's expected value a suggested move adds */
  reassignment_min_gain_share: number;
  /** every account a discovery list names, by id */
  accounts: Record<string, DiscoveredAccount>;
  model: ScoringModel;
  /** open leads' conversion scores and how they were checked (company-wide, as the opportunity scorer) */
  leads: LeadScoresData;
  budget: PageSlices<BudgetSlice>;
}

/** The attributes the filter bar slices by, and the account name, of each opportunity open now. */
interface OpenAttributes {
  opportunity_id: string;
  team: string | null;
  region: string | null;
  source: string | null;
  account_name: string | null;
}

/** What every slice filters: one scoring run and one set of reassignments for the whole company. */
export interface SharedLists {
  results: ScoringResults;
  leads: LeadScoring;
  /** scored open opportunities by priority rank, with the attributes a slice is chosen by */
  deals: {deal: PriorityDeal; attributes: OpenAttributes | undefined}[];
  reassignments: {move: Reassignment; attributes: OpenAttributes | undefined}[];
}

/** A slice and the accounts its discovery lists name. */
interface SliceWithAccounts {
  slice: OpportunitiesSlice;
  accounts: Map<string, DiscoveredAccount>;
}

/**
 * The opportunities page's data. The scorer is trained once, on every closed opportunity up to now, and
 * scores all open ones; each filter choice then lists its own deals from those scores, so the model and its
 * measured accuracy are the same on every slice. Reassignments are suggested once for the whole company
 * (a rep's load is their whole book) and listed per slice; discovery runs for every filter in queries grouped
 * by choice (discoveryByChoice; `grouped` false runs it per slice); the budget split per period. Deals, moves and
 * accounts are written once and referred to by id from the slices. `scored` gives the scores (scoredNow) when a
 * build has them already.
 */
export async function opportunitiesData(
  connection: DuckDBConnection,
  scored: () => Promise<ScoringResults> = () => scoredNow(connection),
  grouped = true
): Promise<OpportunitiesData> {
  let shared: Promise<SharedLists> | undefined;
  const discovered = grouped
    ? await readByChoiceKey(connection, (grid) =>
        discoveryByChoice(grid, historyUntil(grid.now), {limit: DISCOVERY_ROWS})
      )
    : undefined;
  const computed = await pageSlices(
    connection,
    async (ctx) => {
      shared ??= readSharedLists({...ctx, filters: {}}, await scored());
      return opportunitiesSlice(ctx, await shared, discovered?.get(sliceKey("*", ctx.choice)));
    },
    {byPeriod: false}
  );
  const slices: Record<string, OpportunitiesSlice> = {};
  const accounts: Record<string, DiscoveredAccount> = {};
  for (const [key, computedSlice] of Object.entries(computed.slices)) {
    slices[key] = computedSlice.slice;
    for (const [id, account] of computedSlice.accounts) accounts[id] = account;
  }
  const {results, leads, deals, reassignments} = await shared!;
  const listed = (pick: (slice: OpportunitiesSlice) => string[]) => new Set(Object.values(slices).flatMap(pick));
  const listedDeals = listed((slice) => slice.priority);
  const listedMoves = listed((slice) => slice.reassignments);
  const originals = await readOriginalAmounts(connection, [...listedDeals]);
  return {
    slices,
    deals: Object.fromEntries(
      deals
        .filter(({deal}) => listedDeals.has(deal.opportunity_id))
        .map(({deal}) => [deal.opportunity_id, withOriginalAmount(deal, originals)])
    ),
    reassignments: Object.fromEntries(
      reassignments
        .filter(({move}) => listedMoves.has(move.opportunity_id))
        .map(({move}) => [move.opportunity_id, move])
    ),
    reassignment_min_gain_share: DEFAULT_MIN_GAIN_SHARE,
    accounts,
    model: scoringModel(results, siteLocale()),
    leads: leadScoresData(leads, siteLocale(), await readRepNames(connection)),
    budget: await pageSlices(connection, budgetSlice, {byFilter: false})
  };
}

/**
 * The scores of every open opportunity (`results`: scoredNow) and the reassignments they suggest, with each
 * opportunity's team, region and source, in the context's language; and the open leads' scores.
 */
async function readSharedLists(ctx: SliceContext, results: ScoringResults): Promise<SharedLists> {
  const now: PipelineContext = {connection: ctx.connection, now: ctx.now, period: historyUntil(ctx.now), filters: {}};
  const leads = await scoreLeads(now);
  const reassigned = await suggestedReassignments(now, {scores: results.scores.rows});
  const attributes = await readOpenAttributes(ctx.connection);
  const zh = ctx.locale === "zh-CN";
  // a site that hides reps' names explains a move by the reps' ids
  const hideReps = hiddenDimensions().includes("reps");
  const explained = (row: ReassignmentRow) =>
    hideReps ? explainReassignment({...row, from_rep_name: null, to_rep_name: null}) : row;
  return {
    results,
    leads,
    deals: results.scores.rows.map((row) => ({
      deal: priorityDeal(row, attributes.get(row.opportunity_id)?.account_name ?? null, zh),
      attributes: attributes.get(row.opportunity_id)
    })),
    reassignments: reassigned.rows.map((row) => ({
      move: {
        opportunity_id: row.opportunity_id,
        account_name: attributes.get(row.opportunity_id)?.account_name ?? null,
        industry: row.industry,
        team: row.team,
        from_rep_id: row.from_rep_id,
        from_rep_name: row.from_rep_name,
        to_rep_id: row.to_rep_id,
        to_rep_name: row.to_rep_name,
        reason: row.reason,
        win_probability_before: significant(row.win_probability_before),
        win_probability_after: significant(row.win_probability_after),
        expected_value_gain: Math.round(row.expected_value_gain),
        explanation: zh ? explained(row).explanation_zh : explained(row).explanation
      },
      attributes: attributes.get(row.opportunity_id)
    }))
  };
}

/**
 * One filter choice: the shared scores and reassignments of its deals, and its own discovery lists (`discovered`
 * when they were read for every choice at once).
 */
async function opportunitiesSlice(
  ctx: SliceContext,
  shared: SharedLists,
  discovered?: DiscoveryResults
): Promise<SliceWithAccounts> {
  const deals = shared.deals.filter((d) => inChoice(d.attributes, ctx.choice)).map(({deal}) => deal);
  const moves = shared.reassignments.filter((r) => inChoice(r.attributes, ctx.choice)).map(({move}) => move);
  const found = discovered ?? (await discovery({...ctx, period: historyUntil(ctx.now)}, {limit: DISCOVERY_ROWS}));
  const repeatDue = found.repeat_due.rows.slice(0, DISCOVERY_ROWS);
  const names = await readAccountNames(ctx.connection, [
    ...found.lookalikes.rows.map((row) => row.account_id),
    ...repeatDue.map((row) => row.account_id)
  ]);
  const accounts = new Map<string, DiscoveredAccount>();
  for (const row of [...found.lookalikes.rows, ...repeatDue])
    accounts.set(row.account_id, {
      account_name: names.get(row.account_id) ?? null,
      industry: row.industry,
      size_band: "size_band" in row ? row.size_band : (accounts.get(row.account_id)?.size_band ?? null),
      province: "province" in row ? row.province : (accounts.get(row.account_id)?.province ?? null)
    });
  const slice: OpportunitiesSlice = {
    missing: [...new Set([...shared.results.scores.missing, ...found.lookalikes.missing, ...found.repeat_due.missing])],
    count_open: deals.length,
    expected_value: Math.round(deals.reduce((sum, d) => sum + (d.expected_value ?? 0), 0)),
    count_with_risks: deals.filter((d) => d.risk_count > 0).length,
    priority: deals.slice(0, PRIORITY_ROWS).map((d) => d.opportunity_id),
    reassignments: moves.slice(0, MOVE_ROWS).map((move) => move.opportunity_id),
    count_reassignments: moves.length,
    lookalikes: compactTable<Lookalike>(
      found.lookalikes.rows.map((row) => ({
        account_id: row.account_id,
        n_profile_accounts: row.n_profile_accounts,
        n_profile_customers: row.n_profile_customers,
        profile_customer_rate_shrunk: significant(row.profile_customer_rate_shrunk),
        lift: significant(row.lift),
        count_lost_opportunities: row.count_lost_opportunities
      }))
    ),
    repeat_due: compactTable<RepeatDue>(
      repeatDue.map((row) => ({
        account_id: row.account_id,
        rep_name: row.rep_name,
        n_purchases: row.n_purchases,
        median_interval_days: Math.round(row.median_interval_days),
        last_purchase_at: row.last_purchase_at,
        due_at: row.due_at,
        days_overdue: row.days_overdue,
        is_lapsed: row.is_lapsed,
        average_amount: row.average_amount === null ? null : Math.round(row.average_amount)
      }))
    )
  };
  return {slice, accounts};
}

/** One period's budget split: budgetAllocation without filters (spend is per channel, not per team). */
export async function budgetSlice(ctx: PipelineContext): Promise<BudgetSlice> {
  const {rows, missing} = await budgetAllocation({...ctx, filters: {}});
  return {
    missing,
    rows: rows.map((row) => ({
      source: row.source,
      rank: row.rank,
      cost: Math.round(row.cost),
      count_won: row.count_won,
      count_lost: row.count_lost,
      win_rate: significant(row.win_rate),
      roi: significant(row.roi),
      roi_lower: significant(row.roi_lower),
      roi_upper: significant(row.roi_upper),
      cost_per_won_deal: row.cost_per_won_deal === null ? null : Math.round(row.cost_per_won_deal),
      current_share: significant(row.current_share),
      next_share: significant(row.next_share),
      next_budget: Math.round(row.next_budget),
      margin_at_next_budget: Math.round(row.margin_at_next_budget)
    })),
    total_cost: Math.round(rows[0]?.total_cost ?? 0),
    total_margin: Math.round(rows[0]?.total_margin ?? 0),
    total_margin_at_next_budget: Math.round(rows[0]?.total_margin_at_next_budget ?? 0),
    total_margin_at_next_budget_lower:
      rows[0]?.total_margin_at_next_budget_lower == null ? null : Math.round(rows[0].total_margin_at_next_budget_lower)
  };
}

function priorityDeal(row: OpportunityScoreRow, accountName: string | null, zh: boolean): PriorityDeal {
  const reasons = zh ? [row.reason_1_zh, row.reason_2_zh, row.reason_3_zh] : [row.reason_1, row.reason_2, row.reason_3];
  return {
    opportunity_id: row.opportunity_id,
    account_name: accountName,
    rep_name: row.rep_name,
    stage: row.stage,
    expected_close_at: row.expected_close_at?.slice(0, 10) ?? null,
    amount: row.amount === null ? null : Math.round(row.amount),
    win_probability: significant(row.win_probability),
    expected_value: row.expected_value === null ? null : Math.round(row.expected_value),
    reasons: reasons.filter((reason): reason is string => reason !== null).map((reason) => nameReason(reason, row, zh)),
    risks: zh ? row.risks_zh : row.risks,
    risk_count: row.risk_count
  };
}

function scoringModel(results: ScoringResults, locale: SiteLocale): ScoringModel {
  const used = results.evaluation.rows.find((row) => row.is_used);
  return {
    method: used?.method ?? null,
    missing: results.evaluation.missing,
    evaluation: results.evaluation.rows.map((row) => ({
      method: row.method,
      is_used: row.is_used,
      split_kind: row.split_kind,
      validation_at: row.validation_at,
      split_at: row.split_at,
      n_train_opportunities: row.n_train_opportunities,
      n_validation_opportunities: row.n_validation_opportunities,
      n_test_opportunities: row.n_test_opportunities,
      ...roundedTestMetrics(row),
      log_loss: significant(row.log_loss),
      calibration_method: row.calibration_method,
      calibrated_brier_score_lower: significant(row.calibrated_brier_score_lower),
      calibrated_brier_score_upper: significant(row.calibrated_brier_score_upper),
      note: locale === "zh-CN" ? row.note_zh : row.note
    })),
    calibration: reliabilityBins(results.calibration.rows, used?.method)
  };
}

/** Team, region and source of each open opportunity (as filterCondition reads them) and its account's name. */
async function readOpenAttributes(connection: DuckDBConnection): Promise<Map<string, OpenAttributes>> {
  const rows = await readRows<OpenAttributes>(
    connection,
    `SELECT f.opportunity_id, f.team, f.region, f.source, a.name AS account_name
     FROM ${OPPORTUNITY_SCOPE} f LEFT JOIN accounts a ON a.account_id = f.account_id
     WHERE f.outcome = 'open'`
  );
  return new Map(rows.map((row) => [row.opportunity_id, row]));
}

function inChoice(attributes: OpenAttributes | undefined, choice: FilterChoice): boolean {
  if (choice.dimension === null) return true;
  const column = choice.dimension === "channel" ? "source" : choice.dimension;
  return attributes?.[column] === choice.value;
}
