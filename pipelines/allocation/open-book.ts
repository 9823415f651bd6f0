import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";
import type {PipelineContext} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import type {OpportunityScoreRow} from "../scoring/score-opportunities.ts";
import {learnStageProbabilities, stageProbabilityOf} from "../stage-conversion/stage-probabilities.ts";

/** One open opportunity as allocation sees it: whose it is, what kind of customer, what it is worth. */
export interface OpenDeal {
  opportunity_id: string;
  account_id: string | null;
  owner_rep_id: string | null;
  rep_name: string | null;
  team: string | null;
  industry: string | null;
  amount: number | null;
  /** expected margin, the open average where missing; null when no margin is known at all */
  margin: number | null;
  win_probability: number | null;
  /** amount × margin × win_probability */
  expected_value: number | null;
}

/** Scores to value the book with: the rows of scoreOpportunities, or nothing for stage probabilities. */
export interface BookOptions {
  scores?: readonly OpportunityScoreRow[];
  /** a book already read (readOpenBook), so several allocation pipelines read it once */
  book?: readonly OpenDeal[];
}

/**
 * The open book — grain: one row per opportunity open at now (filters apply) — valued by the scores
 * when given (scoreOpportunities), else by the learned stage probabilities of the period
 * (learnStageProbabilities, configured ones where nothing was learned): expected value = amount ×
 * margin × probability, a missing margin replaced by the open opportunities' average.
 */
export async function readOpenBook(ctx: PipelineContext, options: BookOptions = {}): Promise<OpenDeal[]> {
  if (options.book) return [...options.book];
  if (options.scores)
    return options.scores.map((s) => ({
      opportunity_id: s.opportunity_id,
      account_id: s.account_id,
      owner_rep_id: s.owner_rep_id,
      rep_name: s.rep_name,
      team: s.team,
      industry: s.industry,
      amount: s.amount,
      margin: s.margin_used,
      win_probability: s.win_probability,
      expected_value: s.expected_value
    }));
  const filter = filterCondition(ctx.filters, "f");
  const rows = await readRows<
    Omit<OpenDeal, "win_probability" | "expected_value" | "margin"> & {
      stage: string;
      expected_margin: number | null;
    }
  >(
    ctx.connection,
    `SELECT f.opportunity_id, f.account_id, f.owner_rep_id, f.rep_name, f.team, a.industry, f.stage,
       f.amount::DOUBLE AS amount, f.expected_margin
     FROM ${OPPORTUNITY_SCOPE} f LEFT JOIN accounts a ON a.account_id = f.account_id
     -- the book as of now: open, and created by now
     WHERE ${filter.sql} AND f.outcome = 'open' AND f.created_at <= $now::TIMESTAMP
     ORDER BY f.opportunity_id`,
    {...filter.params, now: ctx.now}
  );
  const until = ctx.period.end < ctx.now ? ctx.period.end : ctx.now;
  const probability = stageProbabilityOf(
    await learnStageProbabilities(ctx.connection, {since: ctx.period.start, until, filters: ctx.filters})
  );
  const margins = rows.map((r) => r.expected_margin).filter((m): m is number => m !== null);
  const average = margins.length ? margins.reduce((sum, m) => sum + m, 0) / margins.length : null;
  return rows.map(({stage, expected_margin, ...deal}) => {
    const margin = expected_margin ?? average;
    const p = probability(stage);
    return {
      ...deal,
      margin,
      win_probability: p,
      expected_value: deal.amount === null || margin === null || p === null ? null : deal.amount * margin * p
    };
  });
}
