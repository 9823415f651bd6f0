import type {DuckDBConnection} from "@duckdb/node-api";
import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {byOpportunityChoiceSql} from "../lib/slice-grid.ts";
import {round2} from "./weighted-pipeline.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../lib/opportunity-scope.ts";

/** The steps of the waterfall, in order. */
export const CHANGE_STEPS = [
  "start",
  "new",
  "won",
  "lost",
  "removed",
  "pushed_out",
  "pulled_in",
  "amount_up",
  "amount_down",
  "end"
] as const;
export type ChangeStep = (typeof CHANGE_STEPS)[number];

/** One bar of the pipeline waterfall — grain: one row per step per currency. */
export interface PipelineChangeRow {
  from_ingest_id: number;
  from_exported_at: string;
  to_ingest_id: number;
  to_exported_at: string;
  currency: string | null;
  step: ChangeStep;
  /** start, end: opportunities in the tracked pipeline; a change: opportunities it concerns */
  count_opportunities: number;
  /** start, end: the pipeline's value; a change: its signed effect (won, lost, pushed out, amount down ≤ 0) */
  amount: number;
  /** the pipeline's value after this step: start + the changes so far; equals amount at the end */
  running_amount: number;
}

/** An ingest by id, or the latest ingest exported on or before a date ("2026-11-20"). */
export type IngestRef = number | string;

/**
 * Pipeline changes between two ingest snapshots, as a waterfall: the open pipeline expected to close in
 * the period as the earlier export showed it, what changed, and that pipeline in the later export.
 *
 * Steps (each opportunity falls in at most one):
 * - new: in the later pipeline, not open before (created since, or reopened);
 * - won / lost: in the earlier pipeline, won / lost since (−its earlier amount);
 * - pushed_out: in the earlier pipeline, still open but its expected close now outside the period —
 *   normally moved past the period end (−its earlier amount);
 * - pulled_in: open before with an expected close outside the period, now inside it (+its later amount);
 * - amount_up / amount_down: in both, with a different amount (± the difference).
 * start + Σ changes = end, exactly: every opportunity contributes (later amount if in the later pipeline)
 * − (earlier amount if in the earlier one). Amounts missing in an export count as 0.
 *
 * Why: the pipeline total alone hides churn: a flat total may be 5 M won, 3 M lost and 8 M of new
 * deals — or 8 M quietly pushed into next quarter. Snapshots are the only record of expected close dates
 * and amounts changing, so the state of an opportunity at an ingest is its latest snapshot up to it (an
 * export that leaves it out changed nothing about it).
 *
 * Input: opportunity_snapshots and ingests; `from`/`to` are ingest ids or dates (latest ingest on or
 * before the date); by default the two latest ingests up to now. Filters use the opportunities' current
 * attributes. With fewer than two ingests `missing` says "opportunity_snapshots: needs two ingests" and
 * there are no rows. Output grain: one row per step per currency, steps in CHANGE_STEPS order.
 *
 * @example
 * const {rows} = await pipelineChanges(ctx, {from: "2026-10-01", to: "2026-11-20"});
 * // start 30 M, new +6 M, won −5 M, lost −2 M, pushed_out −4 M, pulled_in +1 M, amount_up +0.5 M, amount_down −0.3 M, end 26.2 M
 */
export async function pipelineChanges(
  ctx: PipelineContext,
  options: {from?: IngestRef; to?: IngestRef} = {}
): Promise<PipelineResult<PipelineChangeRow>> {
  const ingests = await readSnapshotIngests(ctx.connection, ctx.now);
  if (ingests.length < 2) return {rows: [], missing: ["opportunity_snapshots: needs two ingests"]};
  const to = options.to === undefined ? ingests.at(-1) : resolveIngest(ingests, options.to);
  const from =
    options.from === undefined ? ingests[ingests.findIndex((i) => i === to) - 1] : resolveIngest(ingests, options.from);
  if (!from || !to || ingests.indexOf(from) >= ingests.indexOf(to))
    return {rows: [], missing: ["opportunity_snapshots: needs two ingests between the dates"]};
  const {sql: filter, params} = filterCondition(ctx.filters, "f");
  const changes = await readRows<ChangeSums>(ctx.connection, pipelineChangesSql(filter), {
    ...params,
    ...ingestParams(from, to),
    period_start: ctx.period.start,
    period_end: ctx.period.end
  });
  return {rows: waterfall(changes, from, to), missing: []};
}

/** What pipelineChangesSql sums per currency and step. */
export interface ChangeSums {
  currency: string | null;
  step: ChangeStep;
  count_opportunities: number;
  amount: number | null;
}

/** The two ingests compared, as pipelineChangesSql binds them. */
export function ingestParams(from: SnapshotIngest, to: SnapshotIngest) {
  return {from_id: from.ingest_id, from_at: from.exported_at, to_id: to.ingest_id, to_at: to.exported_at};
}

/**
 * The SQL of the sums. With `byChoice`, for every filter choice of a grid at once after sliceGridSql's CTEs (pass
 * "true" as the filter): the states at both ingests are read once, then each change counted in every choice its
 * opportunity passes (under "all" every change), each row with its `choice_index`.
 */
export function pipelineChangesSql(filter: string, byChoice = false): string {
  const by = byChoice ? "choice_index, " : "";
  return `WITH opportunity_scope AS (${OPPORTUNITY_SCOPE_SQL}),
     states AS (
       -- an opportunity's state at an ingest is its latest snapshot up to it: an export that left it out changed nothing
       SELECT x.ingest_id AS at_ingest, s.opportunity_id, s.amount, s.currency, s.expected_close_at,
         -- a full export that no longer held it, by then, removed it from the CRM
         CASE WHEN r.removed_at <= x.exported_at THEN 'removed' ELSE coalesce(s.outcome, st.kind) END AS outcome
       FROM (VALUES ($from_id, CAST($from_at AS TIMESTAMP)), ($to_id, CAST($to_at AS TIMESTAMP))) x(ingest_id, exported_at)
       JOIN opportunity_snapshots s ON s.exported_at < x.exported_at OR (s.exported_at = x.exported_at AND s.ingest_id <= x.ingest_id)
       LEFT JOIN stages st ON st.stage = s.stage
       LEFT JOIN removed_opportunities r ON r.opportunity_id = s.opportunity_id
       QUALIFY row_number() OVER (PARTITION BY x.ingest_id, s.opportunity_id ORDER BY s.exported_at DESC, s.ingest_id DESC) = 1
     ),
     tracked AS (
       -- the tracked pipeline: open, expected to close in the period
       SELECT *, outcome = 'open' AND expected_close_at >= CAST($period_start AS DATE)
         AND expected_close_at < CAST($period_end AS DATE) AS is_tracked
       FROM states
     ),
     paired AS (
       SELECT coalesce(a.opportunity_id, b.opportunity_id) AS opportunity_id, coalesce(b.currency, a.currency) AS currency,
         coalesce(a.is_tracked, false) AS in_a, coalesce(b.is_tracked, false) AS in_b,
         a.outcome AS outcome_a, b.outcome AS outcome_b,
         coalesce(a.amount, 0)::DOUBLE AS amount_a, coalesce(b.amount, 0)::DOUBLE AS amount_b
       FROM (SELECT * FROM tracked WHERE at_ingest = $from_id) a
       FULL JOIN (SELECT * FROM tracked WHERE at_ingest = $to_id) b ON b.opportunity_id = a.opportunity_id
     ),
     ${byChoice ? "classified_once" : "classified"} AS (
       SELECT ${byChoice ? "p.opportunity_id, " : ""}p.currency, p.in_a, p.in_b, p.amount_a, p.amount_b,
         CASE
           WHEN p.in_a AND p.in_b THEN CASE WHEN p.amount_b > p.amount_a THEN 'amount_up' WHEN p.amount_b < p.amount_a THEN 'amount_down' END
           WHEN p.in_a THEN CASE p.outcome_b WHEN 'won' THEN 'won' WHEN 'open' THEN 'pushed_out' WHEN 'removed' THEN 'removed' ELSE 'lost' END
           WHEN p.in_b THEN CASE WHEN p.outcome_a = 'open' THEN 'pulled_in' ELSE 'new' END
         END AS step
       FROM paired p
       LEFT JOIN opportunity_scope f ON f.opportunity_id = p.opportunity_id
       WHERE (p.in_a OR p.in_b) AND ${filter}
     ),${
       byChoice
         ? `
     classified AS (SELECT * FROM ${byOpportunityChoiceSql("classified_once")}),`
         : ""
     }
     final AS (
       SELECT ${by}currency, 'start' AS step, count(*) FILTER (WHERE in_a)::INTEGER AS count_opportunities,
         sum(amount_a) FILTER (WHERE in_a) AS amount
       FROM classified GROUP BY ${by}currency
       UNION ALL
       SELECT ${by}currency, step, count(*)::INTEGER,
         sum(CASE WHEN in_b THEN amount_b ELSE 0 END - CASE WHEN in_a THEN amount_a ELSE 0 END)
       FROM classified WHERE step IS NOT NULL GROUP BY ${by}currency, step
       UNION ALL
       SELECT ${by}currency, 'end', count(*) FILTER (WHERE in_b)::INTEGER, sum(amount_b) FILTER (WHERE in_b)
       FROM classified GROUP BY ${by}currency
     )
     SELECT * FROM final`;
}

export interface SnapshotIngest {
  ingest_id: number;
  exported_at: string;
}

/** Ingests that recorded opportunity snapshots, exported by now, oldest first. */
export async function readSnapshotIngests(connection: DuckDBConnection, now: string): Promise<SnapshotIngest[]> {
  return readRows<SnapshotIngest>(
    connection,
    `SELECT ingest_id, exported_at FROM ingests
     WHERE ingest_id IN (SELECT DISTINCT ingest_id FROM opportunity_snapshots) AND exported_at <= CAST($now AS TIMESTAMP)
     ORDER BY exported_at, ingest_id`,
    {now}
  );
}

function resolveIngest(ingests: SnapshotIngest[], ref: IngestRef): SnapshotIngest | undefined {
  if (typeof ref === "number") {
    const ingest = ingests.find((i) => i.ingest_id === ref);
    if (!ingest)
      throw new RangeError(`pipelineChanges requires an ingest with opportunity snapshots, got ingest ${ref}`);
    return ingest;
  }
  // an export on the date itself counts: the latest ingest before the next day
  const dayAfter = Date.parse(ref.slice(0, 10)) + 86_400_000;
  if (Number.isNaN(dayAfter))
    throw new RangeError(`pipelineChanges requires an ingest id or an ISO date, got "${ref}"`);
  return ingests.filter((i) => Date.parse(i.exported_at) < dayAfter).at(-1);
}

/** The waterfall rows per currency in step order, zero-filled, with running totals. */
export function waterfall(
  changes: {currency: string | null; step: ChangeStep; count_opportunities: number; amount: number | null}[],
  from: SnapshotIngest,
  to: SnapshotIngest
): PipelineChangeRow[] {
  const currencies = [...new Set(changes.map((c) => c.currency))].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a.localeCompare(b)
  );
  if (currencies.length === 0) currencies.push(null);
  return currencies.flatMap((currency) => {
    let running = 0;
    return CHANGE_STEPS.map((step): PipelineChangeRow => {
      const found = changes.find((c) => c.currency === currency && c.step === step);
      const amount = round2(found?.amount ?? 0);
      running = step === "start" ? amount : step === "end" ? running : round2(running + amount);
      return {
        from_ingest_id: from.ingest_id,
        from_exported_at: from.exported_at,
        to_ingest_id: to.ingest_id,
        to_exported_at: to.exported_at,
        currency,
        step,
        count_opportunities: found?.count_opportunities ?? 0,
        amount,
        running_amount: running
      };
    });
  });
}
