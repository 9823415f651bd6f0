/**
 * Allocation (docs/method.md §4): who carries too much of the pipeline, which reps win which industries, which
 * valuable deals would be better placed with another rep, and where next period's marketing budget
 * returns most.
 */
import {allocationGlossary} from "./allocation/allocation-glossary.ts";
import {budgetAllocation, type BudgetAllocationRow} from "./allocation/budget-allocation.ts";
import {readOpenBook} from "./allocation/open-book.ts";
import {repLoad, type LoadOptions, type RepLoadRow} from "./allocation/rep-load.ts";
import {
  suggestedReassignments,
  type ReassignmentOptions,
  type ReassignmentRow
} from "./allocation/suggested-reassignments.ts";
import type {PipelineContext, PipelineResult} from "./lib/context.ts";
import {repSegmentWinRates, type RepSegmentRow} from "./rep-performance/rep-segment-win-rates.ts";

export {allocationGlossary} from "./allocation/allocation-glossary.ts";
export {budgetAllocation, type BudgetAllocationRow} from "./allocation/budget-allocation.ts";
export {readOpenBook, type BookOptions, type OpenDeal} from "./allocation/open-book.ts";
export {explainReassignment} from "./allocation/reassignment-text.ts";
export {DEFAULT_OVERLOAD_RATIO, repLoad, type LoadOptions, type RepLoadRow} from "./allocation/rep-load.ts";
export {
  suggestedReassignments,
  type ReassignmentOptions,
  type ReassignmentReason,
  type ReassignmentRow
} from "./allocation/suggested-reassignments.ts";
export {repSegmentWinRates, type RepSegmentRow} from "./rep-performance/rep-segment-win-rates.ts";

export const glossary = allocationGlossary;

export interface AllocationResults {
  rep_load: PipelineResult<RepLoadRow>;
  rep_segment_win_rates: PipelineResult<RepSegmentRow>;
  reassignments: PipelineResult<ReassignmentRow>;
  budget: PipelineResult<BudgetAllocationRow>;
}

/**
 * Every allocation result a page needs, for one context: rep load, rep × industry shrunk win rates (from
 * rep-performance), suggested reassignments and the budget split; the open book is read once. Pass
 * `scores` (scoreOpportunities rows) to value the book by the scores instead of stage probabilities.
 *
 * @example
 * const {reassignments} = await allocation(ctx, {scores: (await scoreOpportunities(ctx)).rows});
 * reassignments.rows[0].explanation; // "R003 holds 14 open opportunities, 2.0× the team median of 7. …"
 */
export async function allocation(
  ctx: PipelineContext,
  options: ReassignmentOptions & LoadOptions = {}
): Promise<AllocationResults> {
  const book = options.book ?? (await readOpenBook(ctx, options));
  return {
    rep_load: await repLoad(ctx, {...options, book}),
    rep_segment_win_rates: await repSegmentWinRates(ctx, {segments: ["industry"]}),
    reassignments: await suggestedReassignments(ctx, {...options, book}),
    budget: await budgetAllocation(ctx)
  };
}
