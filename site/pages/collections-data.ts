import type {DuckDBConnection} from "@duckdb/node-api";
import {
  collectionRate,
  daysSalesOutstanding,
  expectedCollections,
  overdueReceivables,
  receivablesAgeing,
  signedVsCollected
} from "../../pipelines/collections.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {quotes, type QuotesResults} from "../../pipelines/quotes.ts";
import {
  contractsBySlice,
  receivablesByChoice,
  type ContractSliceResults,
  type ReceivablesNowResults
} from "../../pipelines/collections/contracts-by-slice.ts";
import {quotesBySlice} from "../../pipelines/quotes/quotes-by-slice.ts";
import {sliceKey} from "../site-filters.ts";
import {readByChoiceKey, readBySliceKey} from "../site-grid.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {tablesOf, type TableOf} from "../compact-table.ts";
import {pageSlices} from "../page-slices.ts";
import {readAccountNames} from "../read-account-names.ts";

/** Accounts in the ageing and contracts in the overdue list per filter; the counts and amounts cover all. */
export const LISTED_ROWS = 20;

const AGEING = [
  "key",
  "not_due_amount",
  "overdue_0_30",
  "overdue_31_60",
  "overdue_61_90",
  "overdue_90_plus",
  "overdue_amount",
  "n_contracts_overdue"
] as const;

/** The columns of each table of the page, in order. */
export const COLLECTIONS_COLUMNS = {
  acceptance: [
    "n_quotes",
    "n_accepted",
    "n_rejected",
    "n_expired",
    "n_pending",
    "acceptance_rate",
    "acceptance_rate_lower",
    "acceptance_rate_upper"
  ],
  discount_bands: [
    "discount_from",
    "discount_to",
    "n_closed",
    "n_won",
    "win_rate",
    "win_rate_lower",
    "win_rate_upper",
    "won_amount_mean",
    "won_amount_lower",
    "won_amount_upper"
  ],
  revisions: ["n_quotes", "n_opportunities", "n_won", "win_rate"],
  quote_to_close: ["outcome", "n_opportunities", "days_median", "days_p75", "days_mean"],
  quoted_vs_contracted: [
    "n_opportunities",
    "quoted_amount",
    "contracted_amount",
    "contracted_to_quoted",
    "n_below",
    "n_equal",
    "n_above"
  ],
  signed_vs_collected: ["month", "n_contracts", "signed_amount", "collected_amount"],
  collection_rate: [
    "n_contracts",
    "signed_amount",
    "collected_amount",
    "collection_rate",
    "due_amount",
    "overdue_amount",
    "due_collection_rate"
  ],
  dso: ["as_of", "receivables_amount", "signed_amount", "days", "dso_days"],
  ageing_by_rep: [...AGEING, "rep_name"],
  ageing_by_team: AGEING,
  ageing_by_account: [...AGEING, "account_name"],
  overdue: [
    "contract_id",
    "account_id",
    "account_name",
    "owner_rep_id",
    "rep_name",
    "team",
    "contract_amount",
    "overdue_amount",
    "oldest_due_at",
    "days_overdue"
  ],
  expected: ["month", "expected_amount", "n_instalments"]
} as const;

type Table = keyof typeof COLLECTIONS_COLUMNS;
/** A table of the page, of the columns COLLECTIONS_COLUMNS[table] (tablesOf). */
export type CollectionsTable<T extends Table> = TableOf<typeof COLLECTIONS_COLUMNS, T>;
const table = tablesOf(COLLECTIONS_COLUMNS);

/**
 * One period-and-filter slice: the quotes of the deals closed in the period (acceptance, discount bands,
 * revisions, days to close, quoted vs contracted) and the contracts signed in it (by month, collection rate,
 * DSO). `missing_quotes` and `missing_contracts` name what each half lacks.
 */
export interface CollectionsSlice {
  missing_quotes: string[];
  missing_contracts: string[];
  acceptance: CollectionsTable<"acceptance">;
  discount_bands: CollectionsTable<"discount_bands">;
  revisions: CollectionsTable<"revisions">;
  quote_to_close: CollectionsTable<"quote_to_close">;
  quoted_vs_contracted: CollectionsTable<"quoted_vs_contracted">;
  signed_vs_collected: CollectionsTable<"signed_vs_collected">;
  collection_rate: CollectionsTable<"collection_rate">;
  dso: CollectionsTable<"dso">;
}

/** One filter's receivables at now: ageing, the overdue contracts, what the plan expects. */
export interface CollectionsNowSlice {
  missing: string[];
  n_overdue: number;
  overdue_amount: number;
  receivables_amount: number;
  n_accounts: number;
  /** reps with receivables; ageing_by_rep lists the most overdue, at most LISTED_ROWS */
  n_reps: number;
  ageing_by_rep: CollectionsTable<"ageing_by_rep">;
  ageing_by_team: CollectionsTable<"ageing_by_team">;
  /** the most overdue accounts first, at most LISTED_ROWS */
  ageing_by_account: CollectionsTable<"ageing_by_account">;
  /** the largest, then oldest first, at most LISTED_ROWS */
  overdue: CollectionsTable<"overdue">;
  expected: CollectionsTable<"expected">;
}

export interface CollectionsData {
  slices: Record<string, CollectionsSlice>;
  /** as of now: one slice per filter choice ("*|all", "*|team=华北" …) */
  now: Record<string, CollectionsNowSlice>;
}

/**
 * The quotes and collections page: per period and filter, quote acceptance, discounts against win rate and
 * amount won, revisions, days from quote to close, quoted vs contracted, signed vs collected by month, the
 * collection rate and DSO; per filter, receivables ageing, the overdue list and expected collections. The quotes
 * and contracts of every slice come from one query per figure and period (quotesBySlice, contractsBySlice), the
 * receivables of every filter from one query per figure (receivablesByChoice); `grouped` false reads them slice by
 * slice.
 */
export async function collectionsData(connection: DuckDBConnection, grouped = true): Promise<CollectionsData> {
  const bySlice = grouped
    ? {
        quotes: await readBySliceKey(connection, quotesBySlice),
        contracts: await readBySliceKey(connection, contractsBySlice)
      }
    : undefined;
  const {slices} = await pageSlices(connection, (ctx) => {
    const key = sliceKey(ctx.sitePeriod.id, ctx.choice);
    return collectionsSlice(ctx, bySlice && {...bySlice.quotes.get(key)!, ...bySlice.contracts.get(key)!});
  });
  const receivables = grouped ? await readByChoiceKey(connection, receivablesByChoice) : undefined;
  const now = await pageSlices(
    connection,
    (ctx) => collectionsNowSlice(ctx, receivables?.get(sliceKey("*", ctx.choice))),
    {byPeriod: false}
  );
  return {slices, now: now.slices};
}

export async function collectionsSlice(
  ctx: PipelineContext,
  grouped?: QuotesResults & ContractSliceResults
): Promise<CollectionsSlice> {
  const q = grouped ?? (await quotes(ctx));
  const c = grouped ?? {
    signed_vs_collected: await signedVsCollected(ctx),
    collection_rate: await collectionRate(ctx),
    dso: await daysSalesOutstanding(ctx)
  };
  return {
    missing_quotes: q.acceptance.missing,
    missing_contracts: c.collection_rate.missing,
    acceptance: table("acceptance", q.acceptance.rows),
    discount_bands: table("discount_bands", q.discount_bands.rows),
    revisions: table("revisions", q.revisions.rows),
    quote_to_close: table("quote_to_close", q.quote_to_close.rows),
    quoted_vs_contracted: table("quoted_vs_contracted", q.quoted_vs_contracted.rows),
    signed_vs_collected: table(
      "signed_vs_collected",
      c.signed_vs_collected.rows.map((row) => ({...row, month: row.month.slice(0, 7)}))
    ),
    collection_rate: table("collection_rate", c.collection_rate.rows),
    dso: table("dso", c.dso.rows)
  };
}

export async function collectionsNowSlice(
  ctx: PipelineContext,
  grouped?: ReceivablesNowResults
): Promise<CollectionsNowSlice> {
  const c = grouped ?? {
    ageing_by_rep: await receivablesAgeing(ctx, "rep"),
    ageing_by_team: await receivablesAgeing(ctx, "team"),
    ageing_by_account: await receivablesAgeing(ctx, "account"),
    overdue: await overdueReceivables(ctx),
    expected: await expectedCollections(ctx)
  };
  const overdue = c.overdue.rows.slice(0, LISTED_ROWS);
  const accounts = c.ageing_by_account.rows.slice(0, LISTED_ROWS);
  const names = await readAccountNames(ctx.connection, [
    ...overdue.map((row) => row.account_id),
    ...accounts.map((row) => row.key)
  ]);
  const reps = await readRows<{rep_id: string; name: string}>(
    ctx.connection,
    "SELECT rep_id, name FROM reps WHERE name IS NOT NULL"
  );
  const repNames = new Map(reps.map((rep) => [rep.rep_id, rep.name]));
  const sum = (rows: {overdue_amount: number; not_due_amount?: number}[], notDue: boolean) =>
    Math.round(rows.reduce((total, row) => total + row.overdue_amount + (notDue ? (row.not_due_amount ?? 0) : 0), 0));
  return {
    missing: c.overdue.missing,
    n_overdue: c.overdue.rows.length,
    overdue_amount: sum(c.overdue.rows, false),
    receivables_amount: sum(c.ageing_by_team.rows, true),
    n_accounts: c.ageing_by_account.rows.length,
    n_reps: c.ageing_by_rep.rows.length,
    ageing_by_rep: table(
      "ageing_by_rep",
      c.ageing_by_rep.rows
        .slice(0, LISTED_ROWS)
        .map((row) => ({...row, rep_name: row.key === null ? null : (repNames.get(row.key) ?? null)}))
    ),
    ageing_by_team: table("ageing_by_team", c.ageing_by_team.rows),
    ageing_by_account: table(
      "ageing_by_account",
      accounts.map((row) => ({...row, account_name: row.key === null ? null : (names.get(row.key) ?? null)}))
    ),
    overdue: table(
      "overdue",
      overdue.map((row) => ({
        ...row,
        account_name: row.account_id === null ? null : (names.get(row.account_id) ?? null),
        oldest_due_at: row.oldest_due_at.slice(0, 10)
      }))
    ),
    expected: table(
      "expected",
      c.expected.rows.map((row) => ({...row, month: row.month.slice(0, 7)}))
    )
  };
}
