import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";
import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {byOpportunityChoiceSql, choiceColumn, EACH_CHOICE, type ChoiceScope} from "../lib/slice-grid.ts";

/** A customer whose next purchase is due by its own rhythm — grain: one row per account. */
export interface RepeatPurchaseDueRow {
  account_id: string;
  industry: string | null;
  /** owner of its latest won deal */
  owner_rep_id: string | null;
  rep_name: string | null;
  /** won deals closed in the period by now, on distinct days */
  n_purchases: number;
  first_purchase_at: string;
  last_purchase_at: string;
  /** median days between consecutive purchases */
  median_interval_days: number;
  /** last purchase + median interval */
  due_at: string;
  /** days from due_at to now: positive overdue, negative still to come (within horizonDays) */
  days_overdue: number;
  /** overdue by more than lapseIntervals × its interval: the rhythm is probably broken */
  is_lapsed: boolean;
  average_amount: number | null;
  last_amount: number | null;
  reason: string;
  reason_zh: string;
}

export interface RepeatPurchaseOptions {
  /** also list accounts due within this many days after now (default 30) */
  horizonDays?: number;
  /** lapsed when overdue by more than this many intervals (default 2) */
  lapseIntervals?: number;
}

/**
 * Customers due for a repeat purchase (docs/method.md §6–§7): accounts with at least two won deals (closed in the
 * period, by now, on different days) and no opportunity open now, whose next purchase is due by their own
 * rhythm — the last purchase plus the median interval between their purchases — by now + horizonDays.
 * A customer overdue by more than lapseIntervals × its interval is flagged lapsed (the rhythm has
 * probably broken: worth a call, for a different reason). Accounts with one purchase have no rhythm of
 * their own and are not listed.
 *
 * Why it matters: a customer who buys every four months and is now five months out is the cheapest
 * opportunity there is — if someone calls before a competitor does.
 *
 * Input: opportunities (won deals; filters narrow them), accounts and reps for labels. Output grain: one
 * row per due account, not lapsed first, then by due date.
 *
 * @example
 * const {rows} = await repeatPurchaseDue(ctx);
 * // [{account_id: "A00154", n_purchases: 3, median_interval_days: 121, due_at: "2026-10-02", days_overdue: 49, …}, …]
 */
export async function repeatPurchaseDue(
  ctx: PipelineContext,
  options: RepeatPurchaseOptions = {}
): Promise<PipelineResult<RepeatPurchaseDueRow>> {
  const filter = filterCondition(ctx.filters, "f");
  const rows = await readRows<RawDueRow>(ctx.connection, repeatDueSql(filter.sql), {
    ...filter.params,
    ...repeatDueParams(ctx, options)
  });
  return {rows: rows.map((row) => dueRow(row, options)), missing: []};
}

const HORIZON_DAYS = 30;
const LAPSE_INTERVALS = 2;

type RawDueRow = Omit<RepeatPurchaseDueRow, "reason" | "reason_zh">;

/** The parameters repeatDueSql binds, besides the filter's. */
export function repeatDueParams(ctx: Pick<PipelineContext, "period" | "now">, options: RepeatPurchaseOptions = {}) {
  const {horizonDays = HORIZON_DAYS, lapseIntervals = LAPSE_INTERVALS} = options;
  return {start: ctx.period.start, end: ctx.period.end, now: ctx.now, horizon: horizonDays, lapse: lapseIntervals};
}

/**
 * The due accounts' query: `filter` a condition over opportunity-scope columns (alias `f`). Scoped to EACH_CHOICE
 * (`filter` "true"), its rows carry choice_index, each choice's accounts and their rhythm read from the deals
 * that pass it; it then runs after sliceGridSql's CTEs.
 */
export function repeatDueSql(filter: string, scope?: ChoiceScope): string {
  const each = scope === EACH_CHOICE;
  const deals = each ? byOpportunityChoiceSql(OPPORTUNITY_SCOPE) : OPPORTUNITY_SCOPE;
  const choice = choiceColumn(scope);
  const by = each ? "choice_index, account_id" : "account_id";
  return `WITH won AS (
       SELECT ${choice}f.account_id, f.owner_rep_id, f.rep_name, f.amount::DOUBLE AS amount, f.closed_at
       FROM ${deals} f
       -- purchases: deals won in the period, by now, of a known account
       WHERE ${filter} AND f.outcome = 'won' AND f.account_id IS NOT NULL
         AND f.closed_at >= $start::TIMESTAMP AND f.closed_at < $end::TIMESTAMP AND f.closed_at <= $now::TIMESTAMP
     ),
     busy AS (
       SELECT DISTINCT ${choice}f.account_id FROM ${deals} f
       WHERE ${filter} AND f.outcome = 'open' AND f.account_id IS NOT NULL
     ),
     purchase_days AS (
       -- several deals won the same day are one purchase
       SELECT ${choice}account_id, closed_at::DATE AS day FROM won GROUP BY ALL
     ),
     gaps AS (
       SELECT ${choice}account_id, day, date_diff('day', lag(day) OVER (PARTITION BY ${by} ORDER BY day), day) AS gap_days
       FROM purchase_days
     ),
     rhythm AS (
       SELECT ${choice}account_id, count(*)::INTEGER AS n_purchases, min(day) AS first_purchase_at,
         max(day) AS last_purchase_at, median(gap_days) AS median_interval_days
       FROM gaps GROUP BY ${by} HAVING count(*) >= 2
     ),
     latest AS (
       SELECT ${choice}account_id, arg_max(owner_rep_id, closed_at) AS owner_rep_id,
         arg_max(rep_name, closed_at) AS rep_name, avg(amount) AS average_amount, arg_max(amount, closed_at) AS last_amount
       FROM won GROUP BY ${by}
     ),
     due AS (
       SELECT r.*, r.last_purchase_at + to_days(round(r.median_interval_days)::INTEGER) AS due_at
       FROM rhythm r ANTI JOIN busy USING (${by})
     ),
     final AS (
       SELECT ${choiceColumn(scope, "d")}d.account_id, a.industry, l.owner_rep_id, l.rep_name, d.n_purchases,
         strftime(d.first_purchase_at, '%Y-%m-%d') AS first_purchase_at,
         strftime(d.last_purchase_at, '%Y-%m-%d') AS last_purchase_at,
         d.median_interval_days::DOUBLE AS median_interval_days,
         strftime(d.due_at, '%Y-%m-%d') AS due_at,
         date_diff('day', d.due_at::DATE, $now::TIMESTAMP::DATE)::INTEGER AS days_overdue,
         date_diff('day', d.due_at::DATE, $now::TIMESTAMP::DATE) > $lapse * d.median_interval_days AS is_lapsed,
         l.average_amount, l.last_amount
       FROM due d
       JOIN latest l USING (${by})
       LEFT JOIN accounts a ON a.account_id = d.account_id
       -- due by now + the horizon
       WHERE d.due_at::DATE <= $now::TIMESTAMP::DATE + to_days($horizon::INTEGER)
     )
     SELECT * FROM final ORDER BY ${choice}is_lapsed, due_at, account_id`;
}

/** A due account with its reasons, in English and Chinese. */
export function dueRow(row: RawDueRow, options: RepeatPurchaseOptions = {}): RepeatPurchaseDueRow {
  const {lapseIntervals = LAPSE_INTERVALS} = options;
  return {
    ...row,
    reason:
      `Buys about every ${Math.round(row.median_interval_days)} days (${row.n_purchases} purchases); last ${row.last_purchase_at}, ` +
      (row.days_overdue >= 0
        ? `due since ${row.due_at} (${row.days_overdue} days)`
        : `due ${row.due_at} (in ${-row.days_overdue} days)`) +
      (row.is_lapsed ? `; overdue by more than ${lapseIntervals} intervals: lapsed` : ""),
    reason_zh:
      `约每${Math.round(row.median_interval_days)}天采购一次（共${row.n_purchases}次）；最近一次${row.last_purchase_at}，` +
      (row.days_overdue >= 0
        ? `${row.due_at}起到期（已过${row.days_overdue}天）`
        : `${row.due_at}到期（还有${-row.days_overdue}天）`) +
      (row.is_lapsed ? `；逾期超过${lapseIntervals}个周期，可能已流失` : "")
  };
}
