import type {DuckDBConnection} from "@duckdb/node-api";
import type {PipelineContext, PipelineResult} from "../../pipelines/lib/context.ts";
import type {ComplaintRiskRow} from "../../pipelines/service/complaint-risk-list.ts";
import {
  complaintRate,
  complaintRiskList,
  DEFAULT_COMPLAINT_CATEGORIES,
  repurchaseAfterComplaint,
  resolutionTimes,
  satisfactionScores,
  ticketsByMonth
} from "../../pipelines/service.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {tablesOf, type TableOf} from "../compact-table.ts";
import {pageSlices} from "../page-slices.ts";
import {readAccountNames} from "../read-account-names.ts";
import {
  complaintRiskByChoice,
  serviceBySlice,
  type ServiceSliceResults
} from "../../pipelines/service/service-by-slice.ts";
import {sliceKey} from "../site-filters.ts";
import {readByChoiceKey, readBySliceKey} from "../site-grid.ts";

/** Accounts listed on the risk list per filter; the count and amount cover all of them. */
export const RISK_ROWS = 25;

/** The columns of each table of the page, in order. */
export const SERVICE_COLUMNS = {
  tickets_by_month: ["month", "category", "is_complaint", "n_tickets", "n_resolved", "n_open"],
  complaint_rate: [
    "n_complaints",
    "n_accounts_complaining",
    "active_at",
    "n_active_accounts",
    "complaints_per_100_active"
  ],
  resolution_times: [
    "category",
    "n_tickets",
    "n_resolved",
    "n_unresolved",
    "resolution_hours_median",
    "resolution_hours_p90",
    "resolution_hours_mean"
  ],
  satisfaction: [
    "category",
    "n_rated",
    "satisfaction_mean",
    "n_score_1",
    "n_score_2",
    "n_score_3",
    "n_score_4",
    "n_score_5"
  ],
  risk_list: [
    "account_name",
    "owner_rep_id",
    "n_open_complaints",
    "oldest_complaint_at",
    "days_open",
    "n_open_opportunities",
    "open_amount"
  ],
  repurchase_after_complaint: [
    "group",
    "n_accounts",
    "n_repurchased",
    "repurchase_rate",
    "repurchase_rate_lower",
    "repurchase_rate_upper",
    "reference_lag_days",
    "window_months"
  ]
} as const;

type Table = keyof typeof SERVICE_COLUMNS;
/** A table of the page, of the columns SERVICE_COLUMNS[table] (tablesOf). */
export type ServiceTable<T extends Table> = TableOf<typeof SERVICE_COLUMNS, T>;
const table = tablesOf(SERVICE_COLUMNS);

/**
 * One period-and-filter slice: tickets opened in the period by month and category, the complaint rate
 * per 100 active customers (one row), resolution times and satisfaction per category.
 */
export interface ServiceSlice {
  missing: string[];
  tickets_by_month: ServiceTable<"tickets_by_month">;
  complaint_rate: ServiceTable<"complaint_rate">;
  resolution_times: ServiceTable<"resolution_times">;
  satisfaction: ServiceTable<"satisfaction">;
}

/** One filter's state at now: the complaint risk list and repeat purchase after a complaint. */
export interface ServiceNowSlice {
  missing: string[];
  n_risk_accounts: number;
  risk_open_amount: number;
  /** the largest open amounts first, at most RISK_ROWS */
  risk_list: ServiceTable<"risk_list">;
  repurchase_after_complaint: ServiceTable<"repurchase_after_complaint">;
}

export interface ServiceData {
  slices: Record<string, ServiceSlice>;
  /** as of now: one slice per filter choice ("*|all", "*|team=华北" …) */
  now: Record<string, ServiceNowSlice>;
  /** ticket categories counted as complaints */
  complaint_categories: readonly string[];
  /** rep names by id, for the risk list's owners */
  reps: Record<string, string>;
}

/**
 * The service page: per period and filter, tickets and complaints by month, the complaint rate,
 * resolution times and satisfaction; per filter, the accounts with an open complaint and an open deal
 * (the risk list) and whether customers who complained buy again. The period slices come from one query per
 * figure and period (serviceBySlice), the risk lists of every filter from one query (complaintRiskByChoice);
 * `grouped` false computes them slice by slice.
 */
export async function serviceData(connection: DuckDBConnection, grouped = true): Promise<ServiceData> {
  const bySlice = grouped ? await readBySliceKey(connection, serviceBySlice) : undefined;
  const {slices} = await pageSlices(connection, (ctx) =>
    serviceSlice(ctx, bySlice?.get(sliceKey(ctx.sitePeriod.id, ctx.choice)))
  );
  const risks = grouped ? await readByChoiceKey(connection, complaintRiskByChoice) : undefined;
  const now = await pageSlices(connection, (ctx) => serviceNowSlice(ctx, risks?.get(sliceKey("*", ctx.choice))), {
    byPeriod: false
  });
  const reps = await readRows<{rep_id: string; name: string}>(
    connection,
    "SELECT rep_id, name FROM reps WHERE name IS NOT NULL ORDER BY rep_id"
  );
  return {
    slices,
    now: now.slices,
    complaint_categories: DEFAULT_COMPLAINT_CATEGORIES,
    reps: Object.fromEntries(reps.map((rep) => [rep.rep_id, rep.name]))
  };
}

export async function serviceSlice(ctx: PipelineContext, grouped?: ServiceSliceResults): Promise<ServiceSlice> {
  const tickets = grouped?.tickets ?? (await ticketsByMonth(ctx));
  const rate = grouped?.rate ?? (await complaintRate(ctx));
  const times = grouped?.times ?? (await resolutionTimes(ctx));
  const satisfaction = grouped?.satisfaction ?? (await satisfactionScores(ctx));
  return {
    missing: [...new Set([...tickets.missing, ...rate.missing, ...times.missing, ...satisfaction.missing])],
    tickets_by_month: table(
      "tickets_by_month",
      tickets.rows.map((row) => ({...row, month: row.month.slice(0, 7)}))
    ),
    complaint_rate: table("complaint_rate", rate.rows),
    resolution_times: table("resolution_times", times.rows),
    satisfaction: table("satisfaction", satisfaction.rows)
  };
}

export async function serviceNowSlice(
  ctx: PipelineContext,
  grouped?: PipelineResult<ComplaintRiskRow>
): Promise<ServiceNowSlice> {
  const risk = grouped ?? (await complaintRiskList(ctx));
  const repurchase = await repurchaseAfterComplaint(ctx);
  const listed = risk.rows.slice(0, RISK_ROWS);
  const names = await readAccountNames(
    ctx.connection,
    listed.map((row) => row.account_id)
  );
  return {
    missing: [...new Set([...risk.missing, ...repurchase.missing])],
    n_risk_accounts: risk.rows.length,
    risk_open_amount: Math.round(risk.rows.reduce((sum, row) => sum + (row.open_amount ?? 0), 0)),
    risk_list: table(
      "risk_list",
      listed.map((row) => ({
        ...row,
        account_name: names.get(row.account_id) ?? null,
        oldest_complaint_at: row.oldest_complaint_at.slice(0, 10)
      }))
    ),
    repurchase_after_complaint: table("repurchase_after_complaint", repurchase.rows)
  };
}
