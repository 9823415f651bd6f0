import type {QuotesResults} from "../quotes.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {EACH_CHOICE, readEachChoice, type SliceGrid, sliceGridSql} from "../lib/slice-grid.ts";
import {bandRows, closedDealsSql, type ClosedDeal} from "./discount-bands.ts";
import {acceptanceRow, quoteAcceptanceSql, type QuoteCounts} from "./quote-acceptance.ts";
import {quoteRevisionsSql, type QuoteRevisionsRow} from "./quote-revisions.ts";
import {quoteToCloseSql, type QuoteToCloseRow} from "./quote-to-close.ts";
import {quotedVsContractedSql, type QuotedVsContractedRow} from "./quoted-vs-contracted.ts";

const NO_QUOTES: QuoteCounts = {n_quotes: 0, n_accepted: 0, n_rejected: 0, n_expired: 0, n_pending: 0};
const NO_DEALS: QuotedVsContractedRow = {
  n_opportunities: 0,
  quoted_amount: 0,
  contracted_amount: 0,
  contracted_to_quoted: null,
  n_below: 0,
  n_equal: 0,
  n_above: 0
};

/**
 * `quotes` of every slice of the grid, each figure read in one query per period grouped by filter choice
 * instead of one query per slice: a quote's decision and its deal's close do not depend on the choice, only
 * whether it counts in it. Results per period, then per choice, equal to the per-slice pipelines'.
 */
export async function quotesBySlice(grid: SliceGrid): Promise<QuotesResults[][]> {
  const {connection} = grid;
  const missing = await missingTables(connection, ["quotes"]);
  const missingContracts = await missingTables(connection, ["contracts", "quotes"]);
  const slices = sliceGridSql(grid);
  const results: QuotesResults[][] = [];
  for (const period of grid.periods) {
    const params = {now: grid.now, period_start: period.start, period_end: period.end};
    const read = <Row>(sql: string) => readEachChoice<Row>(grid, slices, sql, params);
    const none = grid.choices.map(() => []);
    const counts = missing.length ? none : await read<QuoteCounts>(quoteAcceptanceSql(EACH_CHOICE));
    const deals = missing.length ? none : await read<ClosedDeal>(closedDealsSql(EACH_CHOICE));
    const revisions = missing.length ? none : await read<QuoteRevisionsRow>(quoteRevisionsSql(EACH_CHOICE));
    const toClose = missing.length ? none : await read<QuoteToCloseRow>(quoteToCloseSql(EACH_CHOICE));
    const contracted = missingContracts.length
      ? none
      : await read<QuotedVsContractedRow>(quotedVsContractedSql(EACH_CHOICE));
    results.push(
      grid.choices.map((_, c) => ({
        acceptance: {rows: missing.length ? [] : [acceptanceRow(counts[c][0] ?? NO_QUOTES)], missing},
        discount_bands: {rows: missing.length ? [] : bandRows(deals[c]), missing},
        revisions: {rows: revisions[c], missing},
        quote_to_close: {rows: toClose[c], missing},
        quoted_vs_contracted: {
          rows: missingContracts.length ? [] : [contracted[c][0] ?? NO_DEALS],
          missing: missingContracts
        }
      }))
    );
  }
  return results;
}
