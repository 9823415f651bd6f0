import {listValue, type DuckDBConnection, type DuckDBValue} from "@duckdb/node-api";
import {DEFAULT_FOLLOW_UP_OPTIONS} from "../follow-up/follow-up-options.ts";
import type {Filters, Period} from "../lib/context.ts";
import {filterCondition} from "../lib/filter-condition.ts";
import {readRows} from "../lib/read-rows.ts";
import {ensureStageEntries} from "../lib/stage-entries.ts";
import type {DeclaredColumn} from "./declared-encoder.ts";
import {DEFAULT_LANDMARK_DAYS, DEFAULT_MAX_CLOSED, featuresSql} from "./features.ts";
import {readColumns} from "./read-columns.ts";
import {declaredValuesSql, readDeclaredFeatures} from "./read-declared-features.ts";
import {REPORTING_OPPORTUNITIES} from "../lib/reporting-amounts.ts";

/** The numeric columns of the feature table (NaN where unknown; is_won and label_epoch are NaN on open rows). */
export const NUMERIC_COLUMNS = [
  "is_won",
  "label_epoch",
  "landmark_days",
  "amount",
  "age_days",
  "activity_count",
  "days_since_touch",
  "rep_closed_before",
  "rep_won_before",
  "rep_segment_closed_before",
  "rep_segment_won_before",
  "is_returning_customer",
  "has_competitor"
] as const;

/** The categorical columns of the feature table, read as codes into their levels. */
export const CATEGORICAL_COLUMNS = [
  "source",
  "industry",
  "province",
  "size_band",
  "credit_rating",
  "stage",
  "follow_up",
  "owner_rep_id",
  "competitor"
] as const;

export type NumericColumn = (typeof NUMERIC_COLUMNS)[number];
export type CategoricalColumn = (typeof CATEGORICAL_COLUMNS)[number];

/** What a score row shows of an open opportunity besides its features. */
export interface OpenDetail {
  opportunity_id: string;
  account_id: string | null;
  rep_name: string | null;
  team: string | null;
  product: string | null;
  amount: number | null;
  expected_margin: number | null;
  expected_close_at: string | null;
  created_at: string;
}

/**
 * The features of featuresSql column by column, one entry per cut-off: first the closed opportunities'
 * landmark rows in order of close time (then opportunity_id and landmark), then the open opportunities in
 * opportunity_id order. Numbers are Float64Arrays, categories codes (0 = unknown, k = levels[k − 1]).
 * `open` lists the positions of the open opportunities and their details, in the same order.
 */
export interface FeatureTable {
  length: number;
  numbers: Record<NumericColumn, Float64Array>;
  codes: Record<CategoricalColumn, Int32Array>;
  levels: Record<CategoricalColumn, string[]>;
  /** the features a mapping file declared for opportunities, as exported (not as of the cut-off), by name */
  declared: DeclaredColumn[];
  open: {index: number[]; details: OpenDetail[]};
}

/** Which opportunities to read: won or lost in the period by now (labelled) and open at now, filtered. */
export interface FeatureScope {
  period: Period;
  now: string;
  filters?: Filters;
  /** landmark ages in days at which closed opportunities are cut (default DEFAULT_LANDMARK_DAYS) */
  landmarkDays?: readonly number[];
  /** the newest closed opportunities read, at most (default DEFAULT_MAX_CLOSED) */
  maxClosed?: number;
}

/**
 * Reads the scoring features (featuresSql) of the opportunities open at `now` and of those won or lost in
 * the period by `now` (the newest `maxClosed`). The features are computed once into a TEMP TABLE (dropped afterwards) and read
 * column by column, categories as integer codes: on a million opportunities text columns would cost
 * seconds each to read.
 *
 * @example
 * const table = await readFeatures(connection, {period: {start: "2023-01-01", end: "2026-11-20"}, now});
 * table.levels.stage[table.codes.stage[0] - 1]; // "intent" — the first opportunity's stage at its cut-off
 */
export async function readFeatures(connection: DuckDBConnection, scope: FeatureScope): Promise<FeatureTable> {
  await ensureStageEntries(connection);
  const filter = filterCondition(scope.filters, "f");
  const params: Record<string, DuckDBValue> = {
    ...filter.params,
    now: scope.now,
    start: scope.period.start,
    end: scope.period.end,
    max_closed: scope.maxClosed ?? DEFAULT_MAX_CLOSED,
    landmarks: listValue([...(scope.landmarkDays ?? DEFAULT_LANDMARK_DAYS)]),
    first_contact_hours: DEFAULT_FOLLOW_UP_OPTIONS.firstContactHours,
    materials_min_days: DEFAULT_FOLLOW_UP_OPTIONS.materialsMinDays,
    materials_max_days: DEFAULT_FOLLOW_UP_OPTIONS.materialsMaxDays,
    second_min_days: DEFAULT_FOLLOW_UP_OPTIONS.secondContactMinDays,
    second_max_days: DEFAULT_FOLLOW_UP_OPTIONS.secondContactMaxDays
  };
  await connection.run(`DROP TABLE IF EXISTS temp.main.scoring_features`);
  await connection.run(`CREATE TEMP TABLE scoring_features AS ${featuresSql(filter.sql)}`, params);
  try {
    const levelLists = CATEGORICAL_COLUMNS.map((c) => `list_sort(list_distinct(list(${c}))) AS ${c}`).join(", ");
    const [levelRow] = await readRows<Record<CategoricalColumn, string[]>>(
      connection,
      `SELECT ${levelLists} FROM scoring_features`
    );
    const codes = CATEGORICAL_COLUMNS.map((c) => `coalesce(list_position(l.${c}, f.${c}), 0)::INTEGER AS ${c}`).join(
      ",\n"
    );
    const features = await readDeclaredFeatures(connection, "opportunities");
    const declared = declaredValuesSql("opportunities", features);
    const columns = await readColumns(
      connection,
      `WITH levels AS (SELECT ${levelLists} FROM scoring_features)
       SELECT ${NUMERIC_COLUMNS.filter((c) => c !== "has_competitor")
         .map((c) => `f.${c}`)
         .join(", ")},
         (f.competitor IS NOT NULL)::DOUBLE AS has_competitor,
         ${[codes, ...declared.columns.map((c) => `d.${c}`)].join(",\n")}
       FROM scoring_features f CROSS JOIN levels l
       ${features.length ? `LEFT JOIN (${declared.sql}) d ON d.id = f.opportunity_id` : ""}
       ORDER BY f.label_epoch NULLS LAST, f.opportunity_id, f.landmark_days`,
      declared.params
    );
    const details = await readRows<OpenDetail>(
      connection,
      `SELECT f.opportunity_id, o.account_id, r.name AS rep_name, r.team, o.product, o.amount::DOUBLE AS amount,
         o.expected_margin, o.expected_close_at, o.created_at
       FROM scoring_features f
       JOIN ${REPORTING_OPPORTUNITIES} o ON o.opportunity_id = f.opportunity_id
       LEFT JOIN reps r ON r.rep_id = o.owner_rep_id
       WHERE f.outcome = 'open'
       ORDER BY f.opportunity_id`
    );
    const isWon = columns.numbers.is_won;
    const index: number[] = [];
    for (let i = 0; i < columns.length; i++) if (Number.isNaN(isWon[i])) index.push(i);
    return {
      length: columns.length,
      numbers: Object.fromEntries(NUMERIC_COLUMNS.map((c) => [c, columns.numbers[c]])) as FeatureTable["numbers"],
      codes: Object.fromEntries(
        CATEGORICAL_COLUMNS.map((c) => [c, Int32Array.from(columns.numbers[c])])
      ) as FeatureTable["codes"],
      levels: levelRow as FeatureTable["levels"],
      declared: features.map(({name, kind}, k): DeclaredColumn => {
        const column = declared.columns[k];
        return kind === "numeric"
          ? {name, kind, values: columns.numbers[column]}
          : {name, kind, values: columns.strings[column]};
      }),
      open: {index, details}
    };
  } finally {
    await connection.run(`DROP TABLE IF EXISTS temp.main.scoring_features`);
  }
}
