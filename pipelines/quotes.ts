/**
 * Quotes (报价, docs/method.md §3 and §5): the acceptance rate, discount depth against win rate and deal size,
 * quotes per opportunity, days from first quote to close, and quoted against contracted amount.
 */
import type {PipelineContext, PipelineResult} from "./lib/context.ts";
import {discountBands, type DiscountBandRow} from "./quotes/discount-bands.ts";
import {quoteAcceptance, type QuoteAcceptanceRow} from "./quotes/quote-acceptance.ts";
import {quoteRevisions, type QuoteRevisionsRow} from "./quotes/quote-revisions.ts";
import {quoteToClose, type QuoteToCloseRow} from "./quotes/quote-to-close.ts";
import {quotedVsContracted, type QuotedVsContractedRow} from "./quotes/quoted-vs-contracted.ts";
import {quotesGlossary} from "./quotes/quotes-glossary.ts";

export {DEFAULT_DISCOUNT_BANDS, discountBands, type DiscountBandRow} from "./quotes/discount-bands.ts";
export {quoteAcceptance, type QuoteAcceptanceRow} from "./quotes/quote-acceptance.ts";
export {quoteRevisions, type QuoteRevisionsRow} from "./quotes/quote-revisions.ts";
export {QUOTE_STATUSES} from "./quotes/quote-scope.ts";
export {quoteToClose, type QuoteToCloseRow} from "./quotes/quote-to-close.ts";
export {quotedVsContracted, type QuotedVsContractedRow} from "./quotes/quoted-vs-contracted.ts";

export const glossary = quotesGlossary;

export interface QuotesResults {
  acceptance: PipelineResult<QuoteAcceptanceRow>;
  discount_bands: PipelineResult<DiscountBandRow>;
  revisions: PipelineResult<QuoteRevisionsRow>;
  quote_to_close: PipelineResult<QuoteToCloseRow>;
  quoted_vs_contracted: PipelineResult<QuotedVsContractedRow>;
}

/**
 * Every quotes result a page needs, for one context. Queries run one after another on the connection.
 *
 * @example
 * const {discount_bands} = await quotes(ctx);
 * discount_bands.rows.map((band) => band.win_rate); // does a deeper discount win more?
 */
export async function quotes(ctx: PipelineContext): Promise<QuotesResults> {
  return {
    acceptance: await quoteAcceptance(ctx),
    discount_bands: await discountBands(ctx),
    revisions: await quoteRevisions(ctx),
    quote_to_close: await quoteToClose(ctx),
    quoted_vs_contracted: await quotedVsContracted(ctx)
  };
}
