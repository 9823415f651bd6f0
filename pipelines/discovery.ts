/**
 * Discovery (docs/method.md §7, "find potential opportunities"): accounts that look like the customers who buy but
 * have nothing open, and customers whose own purchase rhythm says the next order is due.
 */
import {discoveryGlossary} from "./discovery/discovery-glossary.ts";
import {lookalikeAccounts, type LookalikeAccountRow, type LookalikeOptions} from "./discovery/lookalike-accounts.ts";
import {
  repeatPurchaseDue,
  type RepeatPurchaseDueRow,
  type RepeatPurchaseOptions
} from "./discovery/repeat-purchase-due.ts";
import type {PipelineContext, PipelineResult} from "./lib/context.ts";

export {discoveryGlossary} from "./discovery/discovery-glossary.ts";
export {lookalikeAccounts, type LookalikeAccountRow, type LookalikeOptions} from "./discovery/lookalike-accounts.ts";
export {
  repeatPurchaseDue,
  type RepeatPurchaseDueRow,
  type RepeatPurchaseOptions
} from "./discovery/repeat-purchase-due.ts";

export const glossary = discoveryGlossary;

export interface DiscoveryResults {
  lookalikes: PipelineResult<LookalikeAccountRow>;
  repeat_due: PipelineResult<RepeatPurchaseDueRow>;
}

/**
 * Every discovery result a page needs, for one context.
 *
 * @example
 * const {lookalikes, repeat_due} = await discovery(ctx);
 * repeat_due.rows[0].reason; // "Buys about every 121 days (3 purchases); last 2026-06-03, due since 2026-10-02 (49 days)"
 */
export async function discovery(
  ctx: PipelineContext,
  options: LookalikeOptions & RepeatPurchaseOptions = {}
): Promise<DiscoveryResults> {
  return {lookalikes: await lookalikeAccounts(ctx, options), repeat_due: await repeatPurchaseDue(ctx, options)};
}
