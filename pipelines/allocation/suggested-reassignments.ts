import {quantile} from "simple-statistics";
import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {repSegmentWinRates} from "../rep-performance/rep-segment-win-rates.ts";
import {readOpenBook, type OpenDeal} from "./open-book.ts";
import {explainReassignment, type ReassignmentFacts, type ReassignmentReason} from "./reassignment-text.ts";
import {DEFAULT_OVERLOAD_RATIO, loadRows, type LoadOptions, type RepLoadRow} from "./rep-load.ts";

export type {ReassignmentReason} from "./reassignment-text.ts";

/**
 * One suggested move — grain: one row per open opportunity suggested for another rep. Rep loads are
 * open opportunities now against the team median; segment win rates are shrunk rates in the
 * opportunity's industry (repSegmentWinRates; the owner's is the industry's pooled rate without a
 * record); win_probability_after swaps the owner's industry record for the new rep's on the odds scale.
 */
export interface ReassignmentRow extends ReassignmentFacts {
  account_id: string | null;
  team: string;
  amount: number;
  margin: number;
  expected_value_before: number;
  expected_value_after: number;
  explanation: string;
  explanation_zh: string;
}

export interface ReassignmentOptions extends LoadOptions {
  /** never move more than this share of a rep's open opportunities (default 0.2) */
  maxShareOfBook?: number;
  /** only opportunities whose expected value reaches this quantile of the book are considered (default 0.5) */
  minValueQuantile?: number;
  /**
   * only moves that add at least this share of the median open deal's expected value (default 0.1): a move
   * worth a rounding error of the book is not worth a conversation with two reps
   */
  minGainShare?: number;
}

const logit = (p: number) => Math.log(p / (1 - p));
const MAX_ALTERNATIVES = 5;
export const DEFAULT_MIN_GAIN_SHARE = 0.1;
const clamp = (p: number) => Math.min(1 - 1e-6, Math.max(1e-6, p));

/**
 * Suggested reassignments (docs/method.md §4, "match opportunities to reps' strengths; rebalance"): high-value
 * open opportunities (expected value at or above the minValueQuantile of the book) held by a rep who is
 * overloaded (repLoad) or weak in the opportunity's industry (shrunk win rate there below the industry's
 * pooled rate), moved to the rep of the same team with the best shrunk win rate in that industry who
 * stays within overloadRatio × the team median after taking it.
 *
 * The gain: the opportunity's win probability p (from the scores, else its stage probability) is moved
 * on the odds scale by the difference between the two reps' industry records, logit p' = logit p +
 * logit(new rep's rate) − logit(owner's rate) — the opportunity keeps everything else that makes its
 * odds — and gain = amount × margin × (p' − p). Moves are taken greatest gain first; no rep gives away
 * more than maxShareOfBook (default 20 %, rounded down) of its open opportunities, so a book is never
 * stripped, and a move that adds less than minGainShare (default 10 %) of the median open deal's expected
 * value is not suggested. Each row explains itself in English and Chinese.
 *
 * Input: the open book (readOpenBook; `scores` or a `book` already read value it), rep load,
 * repSegmentWinRates by industry over the period. A rep filter keeps the moves to those away from that rep
 * (the whole book is then read, valued by stage probabilities); the other filters narrow everything. Output grain: one row
 * per suggested move, by gain. Without accounts (no industry): no rows, missing ["accounts"].
 *
 * @example
 * const {rows} = await suggestedReassignments(ctx, {maxShareOfBook: 0.1});
 * // [{opportunity_id: "O001210", from_rep_id: "R003", to_rep_id: "R001", expected_value_gain: 41200,
 * //   explanation: "R003 holds 14 open opportunities, 2.0× the team median of 7. …"}, …]
 */
export async function suggestedReassignments(
  ctx: PipelineContext,
  options: ReassignmentOptions = {}
): Promise<PipelineResult<ReassignmentRow>> {
  const {
    maxShareOfBook = 0.2,
    minValueQuantile = 0.5,
    minGainShare = DEFAULT_MIN_GAIN_SHARE,
    overloadRatio = DEFAULT_OVERLOAD_RATIO
  } = options;
  if (!(maxShareOfBook >= 0 && maxShareOfBook <= 1))
    throw new RangeError(`maxShareOfBook must lie in [0, 1], got ${maxShareOfBook}`);
  const everyone: PipelineContext = {...ctx, filters: {...ctx.filters, rep: undefined}};
  const missing = await missingTables(ctx.connection, ["accounts", "reps"]);
  if (missing.includes("accounts")) return {rows: [], missing};
  // under a rep filter the other reps' books matter too: read the whole book (scores given for one rep would not do)
  const book = ctx.filters?.rep === undefined ? await readOpenBook(ctx, options) : await readOpenBook(everyone);
  const loads = await loadRows(everyone, book, overloadRatio);
  const {rows: cells} = await repSegmentWinRates(everyone, {segments: ["industry"]});
  const rate = new Map(cells.map((c) => [`${c.rep_id}\u0000${c.segment_value}`, c.shrunk_win_rate]));
  const pooled = new Map<string, number>();
  for (const industry of new Set(cells.map((c) => c.segment_value))) {
    const group = cells.filter((c) => c.segment_value === industry);
    const closed = group.reduce((sum, c) => sum + c.count_closed, 0);
    if (industry !== null) pooled.set(industry, group.reduce((sum, c) => sum + c.count_won, 0) / closed);
  }
  const loadOf = new Map(loads.map((l) => [l.rep_id, l]));
  const values = book.map((d) => d.expected_value).filter((v): v is number => v !== null);
  const threshold = values.length ? quantile(values, minValueQuantile) : Infinity;
  const minGain = values.length ? minGainShare * quantile(values, 0.5) : Infinity;
  const teams = new Map<string | null, RepLoadRow[]>();
  for (const load of loads) teams.set(load.team, [...(teams.get(load.team) ?? []), load]);
  const candidates = book
    .flatMap((deal) =>
      movesOf(deal, threshold, teams.get(deal.team) ?? [], loadOf, rate, pooled, overloadRatio, ctx.filters?.rep)
    )
    .filter((move) => move.gain >= minGain);
  candidates.sort((a, b) => b.gain - a.gain || (a.deal.opportunity_id < b.deal.opportunity_id ? -1 : 1));
  const given = new Map<string, number>();
  const taken = new Map<string, number>();
  const moved = new Set<string>();
  const rows: ReassignmentRow[] = [];
  for (const move of candidates) {
    const {deal, from, to} = move;
    if (moved.has(deal.opportunity_id)) continue;
    if ((given.get(from.rep_id) ?? 0) + 1 > Math.floor(maxShareOfBook * from.count_open)) continue;
    if (to.count_open + (taken.get(to.rep_id) ?? 0) + 1 > overloadRatio * to.team_median_count_open) continue;
    moved.add(deal.opportunity_id);
    given.set(from.rep_id, (given.get(from.rep_id) ?? 0) + 1);
    taken.set(to.rep_id, (taken.get(to.rep_id) ?? 0) + 1);
    rows.push(toRow(move));
  }
  return {rows, missing};
}

interface Move {
  deal: OpenDeal & {industry: string; team: string; amount: number; margin: number; win_probability: number};
  from: RepLoadRow;
  to: RepLoadRow;
  fromRate: number;
  toRate: number;
  industryRate: number;
  after: number;
  gain: number;
  reason: ReassignmentReason;
}

function movesOf(
  deal: OpenDeal,
  threshold: number,
  teammates: readonly RepLoadRow[],
  loadOf: Map<string, RepLoadRow>,
  rate: Map<string, number>,
  pooled: Map<string, number>,
  overloadRatio: number,
  onlyFrom: string | undefined
): Move[] {
  const {owner_rep_id: owner, industry, team, amount, margin, win_probability: p, expected_value: value} = deal;
  if (owner === null || industry === null || team === null || amount === null || margin === null || p === null)
    return [];
  if (value === null || value < threshold || (onlyFrom !== undefined && owner !== onlyFrom)) return [];
  const from = loadOf.get(owner);
  const industryRate = pooled.get(industry);
  if (from === undefined || industryRate === undefined) return [];
  const fromRate = rate.get(`${owner}\u0000${industry}`) ?? industryRate;
  const weak = fromRate < industryRate;
  if (!from.is_overloaded && !weak) return [];
  const reason: ReassignmentReason =
    from.is_overloaded && weak
      ? "overloaded_and_weak_in_segment"
      : from.is_overloaded
        ? "overloaded"
        : "weak_in_segment";
  const moves: Move[] = [];
  const logOdds = logit(clamp(p)) - logit(clamp(fromRate));
  const enriched = {...deal, industry, team, amount, margin, win_probability: p};
  for (const to of teammates) {
    const toRate = rate.get(`${to.rep_id}\u0000${industry}`);
    if (to.rep_id === owner || toRate === undefined || !(toRate > fromRate)) continue;
    if (to.count_open + 1 > overloadRatio * to.team_median_count_open) continue;
    const after = 1 / (1 + Math.exp(-(logOdds + logit(clamp(toRate)))));
    const gain = amount * margin * (after - p);
    if (gain > 0) moves.push({deal: enriched, from, to, fromRate, toRate, industryRate, after, gain, reason});
  }
  // the best few suffice: a deal's later alternatives only matter when the better receivers are full
  return moves.sort((x, y) => y.gain - x.gain || (x.to.rep_id < y.to.rep_id ? -1 : 1)).slice(0, MAX_ALTERNATIVES);
}

function toRow(move: Move): ReassignmentRow {
  const {deal, from, to} = move;
  const before = deal.amount * deal.margin * deal.win_probability;
  const row = {
    opportunity_id: deal.opportunity_id,
    account_id: deal.account_id,
    industry: deal.industry,
    team: deal.team,
    amount: deal.amount,
    margin: deal.margin,
    from_rep_id: from.rep_id,
    from_rep_name: from.rep_name,
    to_rep_id: to.rep_id,
    to_rep_name: to.rep_name,
    from_count_open: from.count_open,
    to_count_open: to.count_open,
    team_median_count_open: from.team_median_count_open,
    from_segment_win_rate: move.fromRate,
    to_segment_win_rate: move.toRate,
    industry_win_rate: move.industryRate,
    win_probability_before: deal.win_probability,
    win_probability_after: move.after,
    expected_value_before: before,
    expected_value_after: before + move.gain,
    expected_value_gain: move.gain,
    reason: move.reason
  };
  return {...row, ...explainReassignment(row)};
}
