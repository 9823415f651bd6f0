import type {DuckDBConnection} from "@duckdb/node-api";
import {
  careList,
  customerSegmentsByDimension,
  DEFAULT_CARE_LIST_OPTIONS,
  loyaltyTiers,
  repeatPurchaseRate,
  rfmSegments,
  type CareListRow,
  type SegmentDimension
} from "../../pipelines/customers.ts";
import {
  customersBySlice,
  loyaltyTiersByChoice,
  type CustomerSliceResults
} from "../../pipelines/customers/customers-by-slice.ts";
import {careListByChoice} from "../../pipelines/customers/care-list.ts";
import type {LoyaltyTierRow} from "../../pipelines/customers/loyalty-tiers.ts";
import type {PipelineContext, PipelineResult} from "../../pipelines/lib/context.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {tablesOf, type TableOf} from "../compact-table.ts";
import {pageSlices} from "../page-slices.ts";
import {readAccountNames} from "../read-account-names.ts";
import {shareEqualSlices} from "../shared-slices.ts";
import {sliceKey} from "../site-filters.ts";
import {readByChoiceKey, readBySliceKey} from "../site-grid.ts";

/**
 * The segmentations the page shows: geography by province (cities split the deals too thinly to
 * compare win rates), demographics and behaviour.
 */
export const PAGE_SEGMENTS: SegmentDimension[] = [
  "province",
  "industry",
  "size_band",
  "purchase_frequency",
  "membership_tier"
];
/** Segments shown per dimension, the largest won revenue first. */
export const SEGMENT_ROWS = 8;
/** Care-list occasions listed per kind (birthday, visit); every holiday is listed. */
export const CARE_ROWS_PER_KIND = 10;

/** The columns of each table of the page, in order. */
export const CUSTOMERS_COLUMNS = {
  segments: [
    "dimension",
    "segment",
    "n_accounts",
    "n_closed",
    "n_won",
    "win_rate",
    "win_rate_lower",
    "win_rate_upper",
    "won_amount"
  ],
  rfm_segments: ["rfm_segment", "n_accounts", "account_rate", "won_amount", "recency_days_mean", "frequency_mean"],
  repeat_purchase: [
    "n_accounts_won",
    "n_accounts_repeat",
    "repeat_purchase_rate",
    "repeat_purchase_rate_lower",
    "repeat_purchase_rate_upper"
  ],
  care_list: ["kind", "date", "holiday", "contact_id", "account_name", "owner_rep_id", "days_since_visit"],
  loyalty_tiers: [
    "membership_tier",
    "n_accounts",
    "account_rate",
    "n_with_points",
    "points_mean",
    "points_p25",
    "points_median",
    "points_p75",
    "points_max"
  ]
} as const;

type Table = keyof typeof CUSTOMERS_COLUMNS;
/** A table of the page, of the columns CUSTOMERS_COLUMNS[table] (tablesOf). */
export type CustomersTable<T extends Table> = TableOf<typeof CUSTOMERS_COLUMNS, T>;
const table = tablesOf(CUSTOMERS_COLUMNS);

/**
 * One period-and-filter slice: which segments convert (per dimension, at most SEGMENT_ROWS), the RFM
 * segments and the repeat-purchase rate of the accounts that bought in the period.
 */
export interface CustomersSlice {
  missing: string[];
  /** the segments of each segmentation the exports allow, `dimension` naming the segmentation */
  segments: CustomersTable<"segments">;
  rfm_segments: CustomersTable<"rfm_segments">;
  /** one row */
  repeat_purchase: CustomersTable<"repeat_purchase">;
}

/** One filter's state at now: the care list of the coming days and the loyalty tiers as exported. */
export interface CustomersNowSlice {
  missing: string[];
  /** occasions in the window per kind: birthday, visit, holiday */
  care_counts: {birthday: number; visit: number; holiday: number};
  /** customers whose visit is already overdue today */
  n_visits_overdue: number;
  care_list: CustomersTable<"care_list">;
  loyalty_tiers: CustomersTable<"loyalty_tiers">;
}

export interface CustomersData {
  /** per period and filter; a slice equal to an earlier one is that one's key (shareEqualSlices) */
  slices: Record<string, CustomersSlice | string>;
  /** as of now: one slice per filter choice ("*|all", "*|team=华北" …) */
  now: Record<string, CustomersNowSlice | string>;
  /** segments listed per dimension at most */
  segment_rows: number;
  /** the care list's window and visit interval, in days, and the birthdays and visits it lists at most */
  care: {days: number; visit_days: number; rows_per_kind: number};
  /** rep names by id, for the care list's owners */
  reps: Record<string, string>;
}

/**
 * The customers page: per period and filter, segments (geography, demographics, behaviour) with their
 * win rate and won revenue, RFM segments and the repeat-purchase rate; per filter, the care list for
 * the coming 30 days and the loyalty tiers. The period slices come from one query per figure and period
 * (customersBySlice), the loyalty tiers and the care lists of every filter from one query each (loyaltyTiersByChoice,
 * careListByChoice); `grouped` false computes them slice by slice.
 */
export async function customersData(connection: DuckDBConnection, grouped = true): Promise<CustomersData> {
  const bySlice = grouped
    ? await readBySliceKey(connection, (grid) => customersBySlice(grid, PAGE_SEGMENTS))
    : undefined;
  const {slices} = await pageSlices(connection, (ctx) =>
    customersSlice(ctx, bySlice?.get(sliceKey(ctx.sitePeriod.id, ctx.choice)))
  );
  const tiers = grouped ? await readByChoiceKey(connection, loyaltyTiersByChoice) : undefined;
  const care = grouped ? await readByChoiceKey(connection, (grid) => careListByChoice(grid)) : undefined;
  const now = await pageSlices(
    connection,
    (ctx) => {
      const key = sliceKey("*", ctx.choice);
      return customersNowSlice(ctx, tiers && care && {tiers: tiers.get(key)!, care: care.get(key)!});
    },
    {byPeriod: false}
  );
  const reps = await readRows<{rep_id: string; name: string}>(
    connection,
    "SELECT rep_id, name FROM reps WHERE name IS NOT NULL ORDER BY rep_id"
  );
  return {
    slices: shareEqualSlices(slices),
    now: shareEqualSlices(now.slices),
    segment_rows: SEGMENT_ROWS,
    care: {
      days: DEFAULT_CARE_LIST_OPTIONS.days,
      visit_days: DEFAULT_CARE_LIST_OPTIONS.visitDays,
      rows_per_kind: CARE_ROWS_PER_KIND
    },
    reps: Object.fromEntries(reps.map((rep) => [rep.rep_id, rep.name]))
  };
}

export async function customersSlice(ctx: PipelineContext, grouped?: CustomerSliceResults): Promise<CustomersSlice> {
  const segments = grouped?.segments ?? (await customerSegmentsByDimension(ctx, PAGE_SEGMENTS));
  const rfm = grouped?.rfm ?? (await rfmSegments(ctx));
  const repeat = grouped?.repeat ?? (await repeatPurchaseRate(ctx));
  // an export without tiers puts every account in one unknown tier: no segmentation to show
  const tierRows = segments.membership_tier.rows;
  const noTiers = tierRows.length > 0 && tierRows.every((row) => row.segment === null);
  const missing = PAGE_SEGMENTS.flatMap((dimension) => segments[dimension].missing);
  if (noTiers && segments.membership_tier.missing.length === 0) missing.push("accounts.membership_tier");
  const shown = PAGE_SEGMENTS.filter(
    (dimension) => segments[dimension].missing.length === 0 && !(dimension === "membership_tier" && noTiers)
  );
  return {
    missing: [...new Set(missing)],
    segments: table(
      "segments",
      shown.flatMap((dimension) => segments[dimension].rows.slice(0, SEGMENT_ROWS))
    ),
    rfm_segments: table("rfm_segments", rfm.rows),
    repeat_purchase: table("repeat_purchase", repeat.rows)
  };
}

/** `grouped`: the filter's loyalty tiers and care list, when they were read for every filter at once. */
export async function customersNowSlice(
  ctx: PipelineContext,
  grouped?: {tiers: PipelineResult<LoyaltyTierRow>; care: PipelineResult<CareListRow>}
): Promise<CustomersNowSlice> {
  const care = grouped?.care ?? (await careList(ctx));
  const tiers = grouped?.tiers ?? (await loyaltyTiers(ctx));
  const listed = capPerKind(care.rows, CARE_ROWS_PER_KIND);
  const names = await readAccountNames(
    ctx.connection,
    listed.map((row) => row.account_id)
  );
  const count = (kind: CareListRow["kind"]) => care.rows.filter((row) => row.kind === kind).length;
  return {
    missing: [...new Set([...care.missing, ...tiers.missing])],
    care_counts: {birthday: count("birthday"), visit: count("visit"), holiday: count("holiday")},
    n_visits_overdue: care.rows.filter((row) => row.kind === "visit" && row.days_until === 0).length,
    care_list: table(
      "care_list",
      listed.map((row) => ({...row, account_name: row.account_id === null ? null : names.get(row.account_id)}))
    ),
    loyalty_tiers: table("loyalty_tiers", tiers.rows)
  };
}

/**
 * The first `cap` occasions of each kind but holidays, by date; on a day, visits before birthdays, and
 * the visits longest overdue (never visited first) ahead of the others.
 */
function capPerKind(rows: CareListRow[], cap: number): CareListRow[] {
  const seen = {birthday: 0, visit: 0, holiday: 0};
  const order = {holiday: 0, visit: 1, birthday: 2};
  const sorted = [...rows].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      order[a.kind] - order[b.kind] ||
      (b.days_since_visit ?? Infinity) - (a.days_since_visit ?? Infinity)
  );
  return sorted.filter((row) => row.kind === "holiday" || ++seen[row.kind] <= cap);
}
