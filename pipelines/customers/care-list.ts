import type {DuckDBConnection} from "@duckdb/node-api";
import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {DEFAULT_HOLIDAYS, upcomingHolidays, type Holiday} from "./care-holidays.ts";
import {careListSql} from "./care-list-sql.ts";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";
import {EACH_CHOICE, readEachChoice, sliceGridSql, type SliceGrid} from "../lib/slice-grid.ts";

export interface CareListOptions {
  /** the window: today and the following days − 1 days (30) */
  days: number;
  /** a customer is due a visit when not visited for this many days (90) */
  visitDays: number;
  /** holidays to greet customers on (Chinese holidays by default; lunar ones by dated option) */
  holidays: readonly Holiday[];
}

export const DEFAULT_CARE_LIST_OPTIONS: Readonly<CareListOptions> = {
  days: 30,
  visitDays: 90,
  holidays: DEFAULT_HOLIDAYS
};

export interface CareListRow {
  kind: "birthday" | "visit" | "holiday";
  /** the day of the occasion: the birthday, the holiday, or when the visit falls due (today when overdue) */
  date: string;
  days_until: number;
  /** holiday name; null for the other kinds */
  holiday: string | null;
  /** the contact whose birthday it is — an id only: the site decides what it may show */
  contact_id: string | null;
  account_id: string | null;
  /** the account's owner, who should act */
  owner_rep_id: string | null;
  /** visits: the latest visit (null when never visited) and days since it */
  last_visit_at: string | null;
  days_since_visit: number | null;
}

/**
 * The care list for the coming days (docs/method.md §6: birthdays, holidays, periodic visits): from today
 * (the UTC date of ctx.now) for `days` days (30), contact birthdays (MM-DD; the year wraps, 02-29 is
 * kept on 02-28 in other years), customers (accounts with a won deal) not visited in `visitDays` (90)
 * days by the end of the window — never visited counts from the first won deal — and the configured
 * holidays. Why it matters: care that is scheduled happens; care left to memory does not.
 *
 * Personal data stays in the warehouse: rows carry contact_id and account_id, never names or phones.
 * The period is not used; filters narrow contacts and customers to accounts with a matching
 * opportunity. Input: contacts, accounts, activities, opportunities. Output grain: one row per
 * occasion (per contact birthday, per account due a visit, per holiday date), by date then kind.
 * Missing contacts drop the birthdays and missing activities the visits; `missing` names them.
 *
 * @example
 * const {rows} = await careList(ctx, {days: 14});
 * // [{kind: "visit", date: "2026-11-20", days_until: 0, account_id: "A00007", days_since_visit: 140, …},
 * //  {kind: "birthday", date: "2026-11-23", days_until: 3, contact_id: "C01234", account_id: "A00912", …}]
 */
export async function careList(
  ctx: PipelineContext,
  options: Partial<CareListOptions> = {}
): Promise<PipelineResult<CareListRow>> {
  const plan = await carePlan(ctx.connection, ctx.now, options);
  if (!plan.withBirthdays && !plan.withVisits) return {rows: plan.holidays, missing: plan.missing};
  const filter = filterCondition(ctx.filters);
  const contactScope =
    filter.sql === "true"
      ? "true"
      : `c.account_id IN (SELECT f.account_id FROM ${OPPORTUNITY_SCOPE} f WHERE ${filter.sql})`;
  const sql = careListSql({
    birthdays: plan.withBirthdays ? {contactScope} : undefined,
    visits: plan.withVisits ? {filterSql: filter.sql} : undefined
  });
  const usesFilter = plan.withVisits || (plan.withBirthdays && filter.sql !== "true");
  const occasions = await readRows<CareListRow>(ctx.connection, sql, {
    ...plan.params,
    ...(usesFilter ? filter.params : {})
  });
  return {rows: mergeByDate(plan.holidays, occasions), missing: plan.missing};
}

/**
 * careList of every filter choice of the grid, in one query grouped by choice instead of one per choice. Results per
 * choice, equal to the per-choice pipeline's.
 */
export async function careListByChoice(
  grid: SliceGrid,
  options: Partial<CareListOptions> = {}
): Promise<PipelineResult<CareListRow>[]> {
  const plan = await carePlan(grid.connection, grid.now, options);
  if (!plan.withBirthdays && !plan.withVisits)
    return grid.choices.map(() => ({rows: plan.holidays, missing: plan.missing}));
  const sql = careListSql(
    {
      birthdays: plan.withBirthdays ? {contactScope: "true"} : undefined,
      visits: plan.withVisits ? {filterSql: "true"} : undefined
    },
    EACH_CHOICE
  );
  const occasions = await readEachChoice<CareListRow>(grid, sliceGridSql(grid), sql, plan.params);
  return occasions.map((rows) => ({rows: mergeByDate(plan.holidays, rows), missing: plan.missing}));
}

/** What a care list holds whatever its filter: the options checked, the holidays, which parts the exports allow. */
async function carePlan(connection: DuckDBConnection, now: string, options: Partial<CareListOptions>) {
  const {days, visitDays, holidays} = {...DEFAULT_CARE_LIST_OPTIONS, ...options};
  for (const [key, value] of Object.entries({days, visitDays})) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`careList option ${key} must be a whole number ≥ 0`);
  }
  const missing = await missingTables(connection, ["contacts", "activities"]);
  const today = new Date(Date.parse(now)).toISOString().slice(0, 10);
  const holidayRows = upcomingHolidays(holidays, today, days).map(
    ({name, date, days_until}): CareListRow => ({
      kind: "holiday",
      date,
      days_until,
      holiday: name,
      contact_id: null,
      account_id: null,
      owner_rep_id: null,
      last_visit_at: null,
      days_since_visit: null
    })
  );
  const withVisits = !missing.includes("activities");
  return {
    missing,
    holidays: sortHolidays(holidayRows),
    withBirthdays: !missing.includes("contacts"),
    withVisits,
    params: {now, days, ...(withVisits ? {visit_days: visitDays} : {})}
  };
}

function sortHolidays(rows: CareListRow[]): CareListRow[] {
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Both lists sorted by date; on the same day a holiday comes first. */
function mergeByDate(holidays: CareListRow[], occasions: CareListRow[]): CareListRow[] {
  if (holidays.length === 0) return occasions;
  const merged: CareListRow[] = [];
  let h = 0;
  for (const occasion of occasions) {
    while (h < holidays.length && holidays[h].date <= occasion.date) merged.push(holidays[h++]);
    merged.push(occasion);
  }
  return merged.concat(holidays.slice(h));
}
