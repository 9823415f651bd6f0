/**
 * Collections (回款, docs/method.md §6–7): signed vs collected by month, the collection rate, receivables
 * ageing by account, rep and team, the overdue receivables to chase, expected collections from the payment
 * plan, and days sales outstanding. Contracts' own paid_amount and due_at stand in for a payment plan where
 * the payments export has none.
 */
import {collectionRate, type CollectionRateRow} from "./collections/collection-rate.ts";
import {collectionsGlossary} from "./collections/collections-glossary.ts";
import {daysSalesOutstanding, type DaysSalesOutstandingRow} from "./collections/days-sales-outstanding.ts";
import {expectedCollections, type ExpectedCollectionsRow} from "./collections/expected-collections.ts";
import {overdueReceivables, type OverdueReceivableRow} from "./collections/overdue-receivables.ts";
import {receivablesAgeing, type ReceivablesAgeingRow} from "./collections/receivables-ageing.ts";
import {signedVsCollected, type SignedVsCollectedRow} from "./collections/signed-vs-collected.ts";
import type {PipelineContext, PipelineResult} from "./lib/context.ts";

export {collectionRate, type CollectionRateRow} from "./collections/collection-rate.ts";
export {daysSalesOutstanding, type DaysSalesOutstandingRow} from "./collections/days-sales-outstanding.ts";
export {expectedCollections, type ExpectedCollectionsRow} from "./collections/expected-collections.ts";
export {overdueReceivables, type OverdueReceivableRow} from "./collections/overdue-receivables.ts";
export {receivablesAgeing, type AgeingGroup, type ReceivablesAgeingRow} from "./collections/receivables-ageing.ts";
export {CANCELLED_STATUSES} from "./collections/receivables-sql.ts";
export {signedVsCollected, type SignedVsCollectedRow} from "./collections/signed-vs-collected.ts";

export const glossary = collectionsGlossary;

export interface CollectionsResults {
  signed_vs_collected: PipelineResult<SignedVsCollectedRow>;
  collection_rate: PipelineResult<CollectionRateRow>;
  ageing_by_account: PipelineResult<ReceivablesAgeingRow>;
  ageing_by_rep: PipelineResult<ReceivablesAgeingRow>;
  ageing_by_team: PipelineResult<ReceivablesAgeingRow>;
  overdue: PipelineResult<OverdueReceivableRow>;
  expected: PipelineResult<ExpectedCollectionsRow>;
  dso: PipelineResult<DaysSalesOutstandingRow>;
}

/**
 * Every collections result a page needs, for one context. Queries run one after another on the connection.
 *
 * @example
 * const {overdue} = await collections(ctx);
 * overdue.rows[0]; // the largest overdue receivable, with its owner
 */
export async function collections(ctx: PipelineContext): Promise<CollectionsResults> {
  return {
    signed_vs_collected: await signedVsCollected(ctx),
    collection_rate: await collectionRate(ctx),
    ageing_by_account: await receivablesAgeing(ctx, "account"),
    ageing_by_rep: await receivablesAgeing(ctx, "rep"),
    ageing_by_team: await receivablesAgeing(ctx, "team"),
    overdue: await overdueReceivables(ctx),
    expected: await expectedCollections(ctx),
    dso: await daysSalesOutstanding(ctx)
  };
}
