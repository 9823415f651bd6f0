import type {Column, Entity} from "../../warehouse/schema/entities.ts";
import {productKeySql} from "../../warehouse/schema/references.ts";

/** How the values of one file are read: the mapping file's value options with preset defaults. */
export interface ValueSettings {
  dateOrder?: "ymd" | "dmy" | "mdy";
  timezone: string;
  currency: string;
  decimal?: "." | ",";
  missing: string[];
}

export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** raw column in the staging table for a canonical column */
export const rawName = (column: string) => `r_${column}`;
/** the value after placeholders for "missing" became NULL */
export const valueName = (column: string) => `v_${column}`;
/** the typed value */
export const typedName = (column: string) => `t_${column}`;

/**
 * Zero-width spaces and joiners, the word joiner and a stray byte-order mark: invisible in every screen, so an
 * id holding one would load as a twin of the id without it.
 */
const INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff";

export function parseExpression(column: Column, settings: ValueSettings): string {
  const v = valueName(column.name);
  const order = settings.dateOrder ? sqlString(settings.dateOrder) : "NULL";
  const decimal = settings.decimal ? sqlString(settings.decimal) : "NULL";
  switch (column.type) {
    case "id":
      // an ASCII value (as many bytes as characters) holds none of them, and is trimmed already
      return `CASE WHEN strlen(${v}) = length(${v}) THEN ${v} ELSE trim(translate(${v}, '${INVISIBLE}', '')) END`;
    case "text":
      return `trim(${v})`;
    case "integer":
      return `sj_integer(${v})`;
    case "number":
      return `sj_number(${v}, ${decimal})`;
    case "amount":
      return `sj_amount(${v}, ${decimal})`;
    case "ratio":
      return `sj_ratio(${v}, ${decimal})`;
    case "date":
      return `sj_date(${v}, ${order})`;
    case "date_or_month":
      // a month alone (2024-03, 202403, 2024年3月) before a date: 202403 would otherwise read as a spreadsheet's day number
      return `CASE WHEN regexp_matches(trim(${v}), '^\\d{4}\\s*[-/.年]\\s*\\d{1,2}\\s*月?$|^\\d{6}$') THEN sj_month(${v}, ${order}) ELSE sj_date(${v}, ${order}) END`;
    case "timestamp":
      return `sj_timestamp(${v}, ${order}, ${sqlString(settings.timezone)})`;
    case "month":
      return `sj_month(${v}, ${order})`;
    case "monthday":
      return `sj_monthday(${v})`;
    case "stage":
      return `(SELECT stage FROM sj_stage_labels WHERE label = sj_normalize_label(${v}))`;
    case "outcome":
      return `sj_outcome(${v})`;
    case "boolean":
      return `sj_boolean(${v})`;
  }
}

const TYPE_WORDS: Record<Column["type"], string> = {
  id: "an identifier",
  text: "text",
  integer: "a whole number",
  number: "a number",
  amount: "an amount",
  ratio: "a share between 0 and 1 or a percentage",
  date: "a date",
  date_or_month: "a date or a month",
  timestamp: "a date and time",
  month: "a month",
  monthday: "a month and day (MM-DD)",
  stage: "a stage",
  outcome: "an outcome",
  boolean: "yes or no"
};

/** SQL for the reason a non-blank value could not be read, as a string expression over the raw value. */
export function invalidReason(column: Column, stageNames: string[]): {rule: string; reason: string} {
  const v = valueName(column.name);
  const quoted = `'"' || ${v} || '"'`;
  switch (column.type) {
    case "stage":
      return {
        rule: "unknown_stage",
        reason: `${quoted} || ' is not in the stage model (${stageNames.join(", ")}); map it under "stages" in a mapping file'`
      };
    case "outcome":
      return {rule: "unknown_outcome", reason: `${quoted} || ' is not an outcome (open, won or lost)'`};
    case "date":
    case "date_or_month":
    case "timestamp":
    case "month":
      return {
        rule: "invalid_date",
        reason: `CASE WHEN sj_is_day_month(${v}) THEN ${quoted} || ' is ambiguous: day-first or month-first? set "dateOrder" to "dmy" or "mdy" in a mapping file'
          ELSE ${quoted} || ' is not ${TYPE_WORDS[column.type]}' END`
      };
    case "amount":
    case "number":
      return {
        rule: `invalid_${column.type}`,
        reason: `CASE WHEN sj_dot_ambiguous(${v}, NULL) THEN ${quoted} || ' is ambiguous: a decimal point or a thousands separator? set "decimal" to "." or "," in a mapping file'
          ${column.type === "amount" ? amountReasons(v, quoted) : ""}
          ELSE ${quoted} || ' is not ${TYPE_WORDS[column.type]}' END`
      };
    default:
      return {rule: `invalid_${column.type}`, reason: `${quoted} || ' is not ${TYPE_WORDS[column.type]}'`};
  }
}

/** Why an amount that reads as a number is not taken: each would be a guess at what the export meant. */
function amountReasons(v: string, quoted: string): string {
  return `WHEN abs(sj_number(${v}, NULL)) >= 1e16 THEN ${quoted} || ' is too large for an amount (at most 16 digits before the decimal point)'
    WHEN sj_exponent(${v}) THEN ${quoted} || ' is in exponent notation, which a spreadsheet writes for a number it shows rounded'
    WHEN sj_names_currencies(${v}) THEN ${quoted} || ' names more than one currency'`;
}

/**
 * Columns every entity derives after typing: outcome and close time from the stage, currency from symbols, a
 * product from the mapping file's aliases.
 */
export function derivedExpressions(entity: Entity, settings: ValueSettings, mapped: Set<string>): Map<string, string> {
  const derived = new Map<string, string>();
  const t = (name: string) => (mapped.has(name) ? typedName(name) : "NULL");
  const amountColumn = entity.columns.find((c) => c.type === "amount");
  if (entity.columns.some((c) => c.name === "currency") && amountColumn) {
    const symbol = mapped.has(amountColumn.name) ? `sj_amount_currency(${valueName(amountColumn.name)})` : "NULL";
    const code = mapped.has("currency") ? `sj_currency_code(${t("currency")})` : "NULL";
    derived.set("currency", `coalesce(${code}, ${symbol}, ${sqlString(settings.currency)})`);
  }
  if (entity.name === "opportunities") {
    // the link to the lead may be stated by either side; a deal without a channel takes its lead's
    // (leads load before opportunities in one ingest), so a leads file and a deals file count as if joined
    const converted = `FROM leads WHERE converted_opportunity_id = ${t("opportunity_id")}`;
    derived.set("lead_id", `coalesce(${t("lead_id")}, (SELECT min(lead_id) ${converted}))`);
    // each subquery matched on a column of the row, so DuckDB joins by hash: a subquery inside another's
    // condition made it compare every lead with every deal; arg_min_null keeps the lowest lead's even if none
    derived.set(
      "source",
      `coalesce(${t("source")}, CASE WHEN ${t("lead_id")} IS NOT NULL
         THEN (SELECT source FROM leads WHERE lead_id = ${t("lead_id")})
         ELSE (SELECT arg_min_null(source, lead_id) ${converted}) END)`
    );
    const kind = `(SELECT kind FROM sj_stage_kinds WHERE stage = ${t("stage")})`;
    derived.set("outcome", `coalesce(${t("outcome")}, CASE WHEN ${kind} = 'open' THEN 'open' ELSE ${kind} END)`);
    derived.set(
      "closed_at",
      `coalesce(${t("closed_at")}, CASE WHEN coalesce(${t("outcome")}, ${kind}) IN ('won', 'lost') THEN ${localMidnight(t("expected_close_at"), settings.timezone)} END)`
    );
  }
  for (const column of entity.columns) {
    if (column.references !== "products" || !mapped.has(column.name)) continue;
    // a product the mapping file aliases ("GTXPro": "GTX Pro") loads as the catalogue id or name it stands for
    const value = typedName(column.name);
    derived.set(
      column.name,
      `coalesce((SELECT product FROM sj_product_aliases WHERE key = ${productKeySql(value)}), ${value})`
    );
  }
  if (entity.name === "activities" && mapped.has("type")) {
    derived.set(
      "type",
      `coalesce((SELECT type FROM sj_activity_types WHERE label = sj_normalize_label(${t("type")})), lower(${t("type")}))`
    );
  }
  return derived;
}

/** Midnight of a date in the export's time zone, in UTC, as a date-only value of a timestamp column reads. */
function localMidnight(date: string, timezone: string): string {
  const midnight = `CAST(${date} AS TIMESTAMP)`;
  return timezone === "UTC" ? midnight : `CAST(timezone(${sqlString(timezone)}, ${midnight}) AS TIMESTAMP)`;
}
