import type {DuckDBConnection} from "@duckdb/node-api";

/**
 * SQL macros that turn raw export text into typed values, vectorised in DuckDB. Each returns NULL
 * when the text cannot be read; the caller reports a non-blank input with a NULL result as invalid.
 *
 * Dates: 2024-01-05, 2024/1/5, 2024.1.5, 2024年1月5日, 20240105, with an optional time and an
 * optional Z or ±hh[:mm] offset; day-first or month-first (05/01/2024) only when the export's date order
 * is configured — never guessed; Excel serial numbers of five digits (10000–73415: 1927-05-18 to 2100-12-31).
 * Amounts: ¥1,234.50, 1.234,50 €, 1 234,50, (1,234.00) for negatives, 12.5万 and 3亿; not in exponent notation,
 * and naming at most one currency.
 *
 * DuckDB's own casts are lenient where an export must not be: they read `epoch`, `infinity` and `2024-01-05 (BC)`
 * as timestamps and `1_2_3` as 123, so they only ever see text already shaped as the value they read.
 */
const DAY_MONTH = String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$`;
const ISO = String.raw`\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?`;
const CURRENCY = String.raw`港币|港元|HK\$|HKD|美元|美金|US\$|USD|\$|日元|円|JPY|欧元|€|EUR|英镑|£|GBP|人民币|[¥￥元]|CNY|RMB`;
const TIMES = ["", " %H:%M", " %H:%M:%S", " %H:%M:%S.%f"];
const formats = (dates: string[]) => `[${dates.flatMap((d) => TIMES.map((t) => `'${d}${t}'`)).join(", ")}]`;
const YMD_FORMATS = formats(["%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d", "%Y-%m-%d"]);
const DMY_FORMATS = formats(["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"]);
const MDY_FORMATS = formats(["%m/%d/%Y", "%m.%d.%Y", "%m-%d-%Y"]);
const ZONED_FORMATS =
  "['%Y/%m/%d %H:%M:%S%z', '%Y-%m-%d %H:%M:%S %z', '%Y/%m/%d %H:%M:%S %z', '%Y-%m-%dT%H:%M:%S.%f%z']";

/*
 * Written for speed: the common forms go through DuckDB's own casts first (COALESCE and CASE only
 * evaluate later branches for the rows earlier ones could not read), and no macro uses a subquery,
 * which DuckDB would run as a join over the whole batch. `list_transform([x], v -> …)[1]` binds an
 * intermediate value once instead of repeating its expression.
 */
export const VALUE_MACROS = String.raw`
CREATE OR REPLACE TEMP MACRO sj_normalize_label(s) AS lower(regexp_replace(trim(s), '[\s_\-/.()（）:：]+', '', 'g'));

CREATE OR REPLACE TEMP MACRO sj_is_day_month(s) AS regexp_matches(trim(s), '${DAY_MONTH}');

CREATE OR REPLACE TEMP MACRO sj_in_range(t) AS t >= TIMESTAMP '1900-01-01' AND t < TIMESTAMP '2101-01-01';

-- ISO 8601 as DuckDB's casts read it, and nothing else of what they read
CREATE OR REPLACE TEMP MACRO sj_is_iso(s) AS regexp_full_match(s, '${ISO}');

CREATE OR REPLACE TEMP MACRO sj_zoned(s) AS length(s) > 10 AND s[1] BETWEEN '0' AND '9'
  AND (s[-1] = 'Z' OR s[-6] IN ('+', '-') OR s[-5] IN ('+', '-') OR (s[-3] IN ('+', '-') AND s[-6] = ':'));

-- offsets run from -12:00 to +14:00; DuckDB would read +25:00 as a day and an hour
CREATE OR REPLACE TEMP MACRO sj_offset_ok(s) AS s[-1] = 'Z' OR list_transform(
  [regexp_extract(s, '[+-](\d{2})(?::?(\d{2}))?$', ['h', 'm'])],
  o -> TRY_CAST(o.h AS INTEGER) <= 14 AND coalesce(TRY_CAST(o.m AS INTEGER), 0) < 60)[1];

-- days since 1899-12-30. A number of fewer digits is a year, a day or a count far likelier than a date before
-- 1927 (2024 would be 1905-07-16), and Excel's 1900 leap-year bug lies below it
CREATE OR REPLACE TEMP MACRO sj_excel_serial(s) AS (
  CASE WHEN regexp_full_match(s, '\d{5}(\.\d+)?') THEN list_transform([TRY_CAST(s AS DOUBLE)], n ->
    CASE WHEN n < 73416 THEN
      CAST(TIMESTAMP '1899-12-30' + to_microseconds(CAST(round(n * 86400000000) AS BIGINT)) AS TIMESTAMP) END)[1]
  END
);

-- the wall-clock time a text names, ignoring any zone; DuckDB's strptime reads "epoch" whatever the format
CREATE OR REPLACE TEMP MACRO sj_wall_time(s, date_order) AS list_transform([trim(s)], t ->
  CASE WHEN t[1] BETWEEN '0' AND '9' THEN coalesce(
    CASE WHEN sj_is_iso(t) THEN TRY_CAST(t AS TIMESTAMP) END,
    try_strptime(t, ${YMD_FORMATS}),
    CASE WHEN date_order = 'dmy' THEN try_strptime(t, ${DMY_FORMATS})
         WHEN date_order = 'mdy' THEN try_strptime(t, ${MDY_FORMATS}) END,
    sj_excel_serial(t)) END)[1];

-- UTC; the range check (1900–2100) is the caller's, so the expression is not evaluated three times
CREATE OR REPLACE TEMP MACRO sj_timestamp(s, date_order, time_zone) AS (
  CASE WHEN sj_zoned(trim(s)) THEN CASE WHEN sj_offset_ok(trim(s)) THEN
         CAST(coalesce(CASE WHEN sj_is_iso(trim(s)) THEN TRY_CAST(trim(s) AS TIMESTAMPTZ) END,
           try_strptime(trim(s), ${ZONED_FORMATS})) AS TIMESTAMP) END
       WHEN time_zone = 'UTC' THEN sj_wall_time(s, date_order)
       ELSE CAST(timezone(time_zone, sj_wall_time(s, date_order)) AS TIMESTAMP) END
);

CREATE OR REPLACE TEMP MACRO sj_date(s, date_order) AS CAST(sj_wall_time(s, date_order) AS DATE);

CREATE OR REPLACE TEMP MACRO sj_month(s, date_order) AS list_transform([trim(s)], t ->
  CASE
    WHEN regexp_matches(t, '^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$') THEN
      TRY_CAST(regexp_extract(t, '^(\d{4})', 1) || '-' || regexp_extract(t, '(\d{1,2})\s*月?$', 1) || '-01' AS DATE)
    WHEN regexp_matches(t, '^\d{6}$') THEN TRY_CAST(t[1:4] || '-' || t[5:6] || '-01' AS DATE)
    ELSE CAST(date_trunc('month', sj_date(t, date_order)) AS DATE)
  END)[1];

CREATE OR REPLACE TEMP MACRO sj_monthday(s) AS list_transform([trim(s)], t -> list_transform([CASE
    WHEN regexp_matches(t, '^(?:\d{4}\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$')
      THEN regexp_extract(t, '^(?:\d{4}\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$', ['m', 'd'])
    WHEN regexp_matches(t, '^--(\d{2})-(\d{2})$') THEN regexp_extract(t, '^--(\d{2})-(\d{2})$', ['m', 'd'])
  END], st -> CASE WHEN TRY_CAST('2000-' || st.m || '-' || st.d AS DATE) IS NOT NULL
                   THEN lpad(st.m, 2, '0') || '-' || lpad(st.d, 2, '0') END)[1])[1];

-- 港元, 美元 and 日元 end in 元, which alone is the yuan
CREATE OR REPLACE TEMP MACRO sj_symbol_currency(c) AS
  CASE WHEN c IN ('港币', '港元', 'HK$', 'HKD') THEN 'HKD' WHEN c IN ('美元', '美金', 'US$', 'USD', '$') THEN 'USD'
       WHEN c IN ('日元', '円', 'JPY') THEN 'JPY' WHEN c IN ('欧元', '€', 'EUR') THEN 'EUR'
       WHEN c IN ('英镑', '£', 'GBP') THEN 'GBP' WHEN c <> '' THEN 'CNY' END;

-- the first currency a text names
CREATE OR REPLACE TEMP MACRO sj_amount_currency(s) AS sj_symbol_currency(regexp_extract(s, '${CURRENCY}'));

-- "USD 12 EUR": which of the two is meant cannot be told
CREATE OR REPLACE TEMP MACRO sj_names_currencies(s) AS
  len(list_distinct(list_transform(regexp_extract_all(s, '${CURRENCY}'), c -> sj_symbol_currency(c)))) > 1;

-- a spreadsheet writes a number in exponent notation when it shows it rounded: 1.23457E+11
CREATE OR REPLACE TEMP MACRO sj_exponent(s) AS regexp_matches(replace(s, ' ', ''), '\d[eE][+-]?\d');

-- a currency column may name the currency (人民币, 美元) instead of giving its ISO code
CREATE OR REPLACE TEMP MACRO sj_currency_code(s) AS
  CASE WHEN regexp_full_match(s, '[A-Za-z]{3}') THEN upper(s) ELSE coalesce(sj_amount_currency(s), upper(s)) END;

-- digits and a decimal point, as DuckDB's casts read them without their leniencies (1_000, 1e3, inf)
CREATE OR REPLACE TEMP MACRO sj_is_plain(s) AS regexp_full_match(s, '[+-]?(\d+(\.\d*)?|\.\d+)');

-- "7.800" or "1.234" alone: a decimal point (European exports write thousands so) — never guessed
CREATE OR REPLACE TEMP MACRO sj_dot_ambiguous(s, decimal_mark) AS
  decimal_mark IS NULL AND s[-4] = '.' AND regexp_full_match(trim(s), '[+-]?[1-9]\d{0,2}\.\d{3}');

-- digits with at most one decimal separator, after removing symbols, codes and grouping
CREATE OR REPLACE TEMP MACRO sj_plain_number(t, decimal_mark) AS (
  CASE
    WHEN decimal_mark = ',' THEN replace(replace(t, '.', ''), ',', '.')
    WHEN decimal_mark = '.' THEN replace(t, ',', '')
    WHEN regexp_matches(t, '^[+-]?[1-9]\d{0,2}\.\d{3}$') THEN NULL
    WHEN regexp_matches(t, '^[+-]?\d{1,3}(\.\d{3})+,\d+$') THEN replace(replace(t, '.', ''), ',', '.')
    WHEN regexp_matches(t, '^[+-]?\d{1,3}(\.\d{3}){2,}$') THEN replace(t, '.', '')
    WHEN regexp_matches(t, '^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$') THEN replace(t, ',', '')
    WHEN regexp_matches(t, '^[+-]?\d+,\d{1,2}$') THEN replace(t, ',', '.')
    ELSE t
  END
);

CREATE OR REPLACE TEMP MACRO sj_number(s, decimal_mark) AS list_transform(
  [regexp_replace(upper(trim(s)), '(CNY|RMB|USD|EUR|GBP|HKD|JPY|HK\$|US\$|人民币|港币|港元|美元|美金|欧元|英镑|日元|[¥￥$€£元円]|\s|''|\x{00A0}|\x{202F})', '', 'g')],
  t -> (CASE WHEN t[1] = '(' AND t[-1] = ')' THEN -1 ELSE 1 END)
     * (CASE WHEN t LIKE '%万' THEN 1e4 WHEN t LIKE '%亿' THEN 1e8 ELSE 1 END)
     * list_transform([sj_plain_number(regexp_replace(t, '^\(|\)$|[万亿]$', '', 'g'), decimal_mark)],
         n -> CASE WHEN regexp_matches(n, '^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$') THEN TRY_CAST(n AS DOUBLE) END)[1])[1];

CREATE OR REPLACE TEMP MACRO sj_amount(s, decimal_mark) AS coalesce(
  CASE WHEN decimal_mark IS DISTINCT FROM ',' AND sj_is_plain(trim(s)) AND NOT sj_dot_ambiguous(s, decimal_mark)
       THEN TRY_CAST(trim(s) AS DECIMAL(18, 2)) END,
  CASE WHEN NOT sj_exponent(s) AND NOT sj_names_currencies(s) THEN
    list_transform([sj_number(s, decimal_mark)], v -> CASE WHEN abs(v) < 1e16 THEN CAST(v AS DECIMAL(18, 2)) END)[1] END);

-- separators only between groups of three digits: "1,2,3" is not 123
CREATE OR REPLACE TEMP MACRO sj_integer(s) AS (
  CASE WHEN regexp_full_match(s, '[+-]?\d+') THEN TRY_CAST(s AS BIGINT)
  ELSE list_transform([regexp_replace(trim(s), '\s*人$', '')],
    t -> CASE WHEN regexp_full_match(t, '[+-]?(\d+|\d{1,3}([,\s'']\d{3})+)')
              THEN TRY_CAST(regexp_replace(t, '[,\s'']', '', 'g') AS BIGINT) END)[1] END
);

CREATE OR REPLACE TEMP MACRO sj_ratio_of(v, percent) AS (
  CASE WHEN percent THEN CASE WHEN v BETWEEN 0 AND 100 THEN v / 100 END
       WHEN v BETWEEN 0 AND 1 THEN v
       WHEN v > 1 AND v <= 100 THEN v / 100 END
);

CREATE OR REPLACE TEMP MACRO sj_ratio(s, decimal_mark) AS coalesce(
  CASE WHEN decimal_mark IS DISTINCT FROM ',' THEN
    list_transform([trim(s)], t -> CASE WHEN t[-1] = '%' AND sj_is_plain(rtrim(left(t, length(t) - 1)))
                                          THEN sj_ratio_of(TRY_CAST(left(t, length(t) - 1) AS DOUBLE), true)
                                        WHEN sj_is_plain(t) THEN sj_ratio_of(TRY_CAST(t AS DOUBLE), false) END)[1] END,
  list_transform([trim(s)], t -> sj_ratio_of(sj_number(replace(t, '%', ''), decimal_mark), t LIKE '%\%%' ESCAPE '\'))[1]);

CREATE OR REPLACE TEMP MACRO sj_boolean(s) AS (
  CASE WHEN lower(trim(s)) IN ('true', 't', 'yes', 'y', '1', '是', '√') THEN true
       WHEN lower(trim(s)) IN ('false', 'f', 'no', 'n', '0', '否', '×') THEN false END
);

CREATE OR REPLACE TEMP MACRO sj_outcome(s) AS (
  CASE WHEN sj_normalize_label(s) IN ('open', 'active', 'inprogress', '进行中', '跟进中', '未结束', '开放') THEN 'open'
       WHEN sj_normalize_label(s) IN ('won', 'win', 'closedwon', '赢单', '成交', '已成交', '赢') THEN 'won'
       WHEN sj_normalize_label(s) IN ('lost', 'lose', 'closedlost', '输单', '丢单', '失败', '输') THEN 'lost' END
);
`;

export async function installValueMacros(connection: DuckDBConnection): Promise<void> {
  await connection.run(VALUE_MACROS);
}
