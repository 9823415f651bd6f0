import {listValue} from "@duckdb/node-api";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";
import type {Period, PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {
  byOpportunityChoiceSql,
  choiceColumn,
  EACH_CHOICE,
  readEachChoice,
  sliceGridSql,
  type ChoiceScope,
  type SliceGrid
} from "../lib/slice-grid.ts";
import {empiricalBayes} from "../stats/empirical-bayes.ts";

/** An account that looks like the customers who bought — grain: one row per candidate account. */
export interface LookalikeAccountRow {
  /** 1 = the profile most likely to buy */
  rank: number;
  account_id: string;
  industry: string | null;
  size_band: string | null;
  province: string | null;
  credit_rating: string | null;
  owner_rep_id: string | null;
  /** accounts with the same industry, size band and province, and how many of them bought in the period */
  n_profile_accounts: number;
  n_profile_customers: number;
  /** n_profile_customers / n_profile_accounts, and shrunk towards the overall rate (empirical Bayes) */
  profile_customer_rate: number;
  profile_customer_rate_shrunk: number;
  /** shrunk rate / the overall share of accounts that bought */
  lift: number;
  /** the account's own history: lost opportunities, and its latest opportunity's creation (null: never one) */
  count_lost_opportunities: number;
  last_opportunity_at: string | null;
  reason: string;
  reason_zh: string;
}

export interface LookalikeOptions {
  /** at most this many accounts (default 200) */
  limit?: number;
}

interface RawAccount {
  account_id: string;
  industry: string | null;
  size_band: string | null;
  province: string | null;
  credit_rating: string | null;
  owner_rep_id: string | null;
  count_lost_opportunities: number;
  last_opportunity_at: string | null;
}

interface Profile {
  industry: string | null;
  size_band: string | null;
  province: string | null;
  accounts: number;
  customers: number;
}

/**
 * CTEs ending in `profiled` — grain: one row per account — with whether it bought in the period and has a deal open
 * now. Scoped to EACH_CHOICE (`filterSql` "true"), one row per account and choice, after sliceGridSql's CTEs.
 */
function profiledSql(filterSql: string, scope?: ChoiceScope): string {
  const each = scope === EACH_CHOICE;
  const choice = choiceColumn(scope);
  return `
deals AS (
  SELECT ${choice}f.account_id, f.outcome, f.closed_at, f.created_at
  FROM ${each ? byOpportunityChoiceSql(OPPORTUNITY_SCOPE) : OPPORTUNITY_SCOPE} f
  WHERE ${filterSql} AND f.account_id IS NOT NULL AND f.created_at <= $now::TIMESTAMP
),
history AS (
  SELECT ${choice}account_id,
    -- a customer: won a deal closed in the period, by now
    bool_or(outcome = 'won' AND closed_at >= $start::TIMESTAMP AND closed_at < $end::TIMESTAMP
      AND closed_at <= $now::TIMESTAMP) AS is_customer,
    bool_or(outcome = 'open') AS has_open,
    count(*) FILTER (WHERE outcome = 'lost')::INTEGER AS count_lost_opportunities,
    max(created_at) AS last_opportunity_at
  FROM deals GROUP BY ${choice}account_id
),
profiled AS (
  SELECT ${choiceColumn(scope, "sc")}a.account_id, a.industry, a.size_band, a.province, a.credit_rating, a.owner_rep_id,
    coalesce(h.is_customer, false) AS is_customer, coalesce(h.has_open, false) AS has_open,
    coalesce(h.count_lost_opportunities, 0) AS count_lost_opportunities, h.last_opportunity_at
  FROM accounts a${each ? " CROSS JOIN slice_choices sc" : ""}
  LEFT JOIN history h ON h.account_id = a.account_id${each ? " AND h.choice_index = sc.choice_index" : ""}
)`;
}

/**
 * Look-alike accounts (docs/method.md §7, "find potential opportunities"): accounts that did not buy in the period
 * and have no opportunity open now, whose profile — industry, size band and province — is shared by
 * accounts that did. Per profile, the share of its accounts that bought (won a deal closed in the period
 * by now), shrunk towards the overall share by empirical Bayes (beta-binomial; a profile of 3 accounts
 * with 2 buyers does not outrank one of 60 with 25); lift = shrunk share / overall share. Accounts are
 * ranked by the shrunk share of their profile, then the profile's size.
 *
 * Why it matters: the customers a company already wins say where the next ones are; an account in a
 * profile where two in five bought, untouched today, is a lead nobody is working.
 *
 * Input: accounts, opportunities (filters narrow the opportunities that make an account a customer or
 * busy). Output grain: one row per candidate account, best first, at most `limit`. Without accounts: no
 * rows, missing ["accounts"].
 *
 * @example
 * const {rows} = await lookalikeAccounts(ctx, {limit: 50});
 * // [{rank: 1, account_id: "A00912", industry: "制造业", size_band: "200-999", province: "浙江",
 * //   n_profile_accounts: 22, n_profile_customers: 12, profile_customer_rate_shrunk: 0.48, lift: 1.7, …}, …]
 */
export async function lookalikeAccounts(
  ctx: PipelineContext,
  options: LookalikeOptions = {}
): Promise<PipelineResult<LookalikeAccountRow>> {
  const {limit = 200} = options;
  const missing = await missingTables(ctx.connection, ["accounts"]);
  if (missing.length) return {rows: [], missing};
  const filter = filterCondition(ctx.filters, "f");
  const params = {...filter.params, start: ctx.period.start, end: ctx.period.end, now: ctx.now};
  const cells = await readRows<Profile>(ctx.connection, cellsSql(filter.sql), params);
  const {overall, rated} = profileRates(cells);
  // no profile bought in the period (a quiet slice): nobody looks like a buyer
  if (rated.length === 0) return {rows: [], missing: []};
  const candidates = await readRows<Candidate>(ctx.connection, candidatesSql(filter.sql), {
    ...params,
    ...ratesParams(rated.map((cell) => ({...cell, choice_index: 0}))),
    limit
  });
  return {rows: candidates.map((candidate, k) => lookalikeRow(candidate, k, overall)), missing};
}

/**
 * lookalikeAccounts of every filter choice of the grid over one period, in two queries grouped by choice instead of
 * two per choice: each choice's profiles are rated among its own accounts. Results per choice.
 */
export async function lookalikeAccountsByChoice(
  grid: SliceGrid,
  period: Period,
  options: LookalikeOptions = {}
): Promise<PipelineResult<LookalikeAccountRow>[]> {
  const {limit = 200} = options;
  const missing = await missingTables(grid.connection, ["accounts"]);
  if (missing.length) return grid.choices.map(() => ({rows: [], missing}));
  const slices = sliceGridSql(grid);
  const params = {start: period.start, end: period.end, now: grid.now};
  const cells = await readEachChoice<Profile>(grid, slices, cellsSql("true", EACH_CHOICE), params);
  const rates = cells.map(profileRates);
  const rated = rates.flatMap(({rated}, c) => rated.map((cell) => ({...cell, choice_index: c})));
  const candidates = rated.length
    ? await readEachChoice<Candidate>(grid, slices, candidatesSql("true", EACH_CHOICE), {
        ...params,
        ...ratesParams(rated),
        limit
      })
    : grid.choices.map((): Candidate[] => []);
  return candidates.map((rows, c) => ({
    rows: rows.map((candidate, k) => lookalikeRow(candidate, k, rates[c].overall)),
    missing: []
  }));
}

type Candidate = RawAccount & {rate: number; accounts: number; customers: number};

function cellsSql(filterSql: string, scope?: ChoiceScope): string {
  const choice = choiceColumn(scope);
  return `WITH ${profiledSql(filterSql, scope)}
     SELECT ${choice}industry, size_band, province, count(*)::INTEGER AS accounts,
       count(*) FILTER (WHERE is_customer)::INTEGER AS customers
     FROM profiled GROUP BY ALL ORDER BY ALL`;
}

/** Each profile's share of accounts that bought, shrunk (empirical Bayes); the profiles with a buyer. */
function profileRates(cells: Profile[]): {overall: number; rated: (Profile & {rate: number})[]} {
  const fit = empiricalBayes(cells.map((c) => ({successes: c.customers, trials: c.accounts})));
  return {
    overall: fit.mean ?? 0,
    rated: cells.map((cell, i) => ({...cell, rate: fit.shrunk[i] ?? 0})).filter((cell) => cell.customers > 0)
  };
}

function ratesParams(rated: (Profile & {rate: number; choice_index: number})[]) {
  return {
    choices: listValue(rated.map((c) => c.choice_index)),
    industries: listValue(rated.map((c) => c.industry)),
    size_bands: listValue(rated.map((c) => c.size_band)),
    provinces: listValue(rated.map((c) => c.province)),
    rates: listValue(rated.map((c) => c.rate)),
    accounts: listValue(rated.map((c) => c.accounts)),
    customers: listValue(rated.map((c) => c.customers))
  };
}

/** The candidates, best first, at most $limit (per choice, scoped to EACH_CHOICE). */
function candidatesSql(filterSql: string, scope?: ChoiceScope): string {
  const each = scope === EACH_CHOICE;
  const order = "r.rate DESC, r.accounts DESC, p.account_id";
  return `WITH ${profiledSql(filterSql, scope)},
     rates AS (
       SELECT unnest($choices::INTEGER[]) AS choice_index,
         unnest($industries::VARCHAR[]) AS industry, unnest($size_bands::VARCHAR[]) AS size_band,
         unnest($provinces::VARCHAR[]) AS province, unnest($rates::DOUBLE[]) AS rate,
         unnest($accounts::INTEGER[]) AS accounts, unnest($customers::INTEGER[]) AS customers
     )
     SELECT ${choiceColumn(scope, "p")}p.account_id, p.industry, p.size_band, p.province, p.credit_rating, p.owner_rep_id,
       p.count_lost_opportunities, p.last_opportunity_at, r.rate, r.accounts, r.customers
     FROM profiled p
     JOIN rates r ON r.industry IS NOT DISTINCT FROM p.industry AND r.size_band IS NOT DISTINCT FROM p.size_band
       AND r.province IS NOT DISTINCT FROM p.province${each ? " AND r.choice_index = p.choice_index" : ""}
     -- candidates: did not buy in the period, nothing open now
     WHERE NOT p.is_customer AND NOT p.has_open
     ${
       each
         ? `QUALIFY row_number() OVER (PARTITION BY p.choice_index ORDER BY ${order}) <= $limit
     ORDER BY p.choice_index, ${order}`
         : `ORDER BY ${order}
     LIMIT $limit`
     }`;
}

function lookalikeRow(
  {rate, accounts, customers, ...account}: Candidate,
  k: number,
  overall: number
): LookalikeAccountRow {
  const lift = overall > 0 ? rate / overall : 0;
  const who = [account.industry, account.size_band, account.province];
  const share = Math.round(rate * 100);
  return {
    rank: k + 1,
    ...account,
    n_profile_accounts: accounts,
    n_profile_customers: customers,
    profile_customer_rate: customers / accounts,
    profile_customer_rate_shrunk: rate,
    lift,
    reason:
      `${customers} of ${accounts} accounts like it (${who.map((w) => w ?? "unknown").join(", ")}) ` +
      `bought: ${share} % shrunk, ${lift.toFixed(1)}× the average; no open opportunity` +
      (account.count_lost_opportunities ? `, ${account.count_lost_opportunities} lost before` : ""),
    reason_zh:
      `同类客户（${who.map((w) => w ?? "未知").join("、")}）${accounts}家中有${customers}家成交：` +
      `收缩后${share}%，为平均的${lift.toFixed(1)}倍；目前无进行中的商机` +
      (account.count_lost_opportunities ? `，此前输单${account.count_lost_opportunities}次` : "")
  };
}
