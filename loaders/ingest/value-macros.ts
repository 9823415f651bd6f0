import type {DuckDBConnection} from "@duckdb/node-api";

/**
 * SQL macros that turn raw export text into typed values, vectorised in DuckDB. Each returns NULL
 * when the text cannot be read; the caller reports a non-blank input with a NULL result as invalid.
 *
 * Dates: 2024-01-05, 2024/1/5, 2024.1.5, 2024年1月5日, 20240105, with an optional time and an
 * optional Z or ±hh:mm offset; day-first or month-first (05/01/2024) only when the export's date order
 * is configured — never guessed; Excel serial numbers (days since 1899-12-30, with Excel's 1900 leap bug).
 * Amounts: ¥1,234.50, 1.234,50 €, 1 234,50, (1,234.00) for negatives, 12.5万 and 3亿.
 */
const YMD = String.raw`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$`;
const COMPACT = String.raw`^(\d{4})(\d{2})(\d{2})$`;
const DAY_MONTH = String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$`;
const SERIAL = String.raw`^\d{1,7}(\.\d+)?$`;
const PARTS = "['y','mo','d','h','mi','sec','frac','tz']";
const DM_PARTS = "['a','b','y','h','mi','sec','frac','tz']";

export const VALUE_MACROS = String.raw`
CREATE OR REPLACE TEMP MACRO sj_normalize_label(s) AS lower(regexp_replace(trim(s), '[\s_\-/.()（）:：]+', '', 'g'));

CREATE OR REPLACE TEMP MACRO sj_datetime_parts(s, date_order) AS (
  CASE
    WHEN regexp_matches(s, '${YMD}') THEN regexp_extract(s, '${YMD}', ${PARTS})
    WHEN regexp_matches(s, '${COMPACT}') THEN
      struct_pack(y := s[1:4], mo := s[5:6], d := s[7:8], h := '', mi := '', sec := '', frac := '', tz := '')
    WHEN date_order IN ('dmy', 'mdy') AND regexp_matches(s, '${DAY_MONTH}') THEN (
      SELECT struct_pack(y := p.y, mo := CASE WHEN date_order = 'dmy' THEN p.b ELSE p.a END,
                         d := CASE WHEN date_order = 'dmy' THEN p.a ELSE p.b END,
                         h := p.h, mi := p.mi, sec := p.sec, frac := p.frac, tz := p.tz)
      FROM (SELECT regexp_extract(s, '${DAY_MONTH}', ${DM_PARTS}) AS p)
    )
  END
);

CREATE OR REPLACE TEMP MACRO sj_is_day_month(s) AS regexp_matches(trim(s), '${DAY_MONTH}');

CREATE OR REPLACE TEMP MACRO sj_offset_minutes(tz) AS (
  CASE WHEN tz = '' OR tz IS NULL THEN NULL WHEN tz = 'Z' THEN 0
  ELSE (CASE WHEN tz[1] = '-' THEN -1 ELSE 1 END) *
       (CAST(tz[2:3] AS INTEGER) * 60 + CAST(right(replace(tz, ':', ''), 2) AS INTEGER)) END
);

CREATE OR REPLACE TEMP MACRO sj_excel_serial(s) AS (
  CASE WHEN regexp_matches(s, '${SERIAL}') AND TRY_CAST(s AS DOUBLE) BETWEEN 1 AND 2958465
            AND floor(TRY_CAST(s AS DOUBLE)) <> 60 THEN
    CAST(CASE WHEN TRY_CAST(s AS DOUBLE) < 60 THEN TIMESTAMP '1899-12-31' ELSE TIMESTAMP '1899-12-30' END
         + to_microseconds(CAST(round(TRY_CAST(s AS DOUBLE) * 86400000000) AS BIGINT)) AS TIMESTAMP)
  END
);

-- local wall time of the text, plus its UTC offset in minutes when the text carries one
CREATE OR REPLACE TEMP MACRO sj_wall_time(s, date_order) AS (
  SELECT CASE WHEN p IS NULL THEN sj_excel_serial(trim(s))
    ELSE TRY_CAST(p.y || '-' || p.mo || '-' || p.d || ' ' || coalesce(nullif(p.h, ''), '0') || ':' ||
                  coalesce(nullif(p.mi, ''), '00') || ':' || coalesce(nullif(p.sec, ''), '00') || p.frac AS TIMESTAMP) END
  FROM (SELECT sj_datetime_parts(trim(s), date_order) AS p)
);

CREATE OR REPLACE TEMP MACRO sj_text_offset(s, date_order) AS sj_offset_minutes(sj_datetime_parts(trim(s), date_order).tz);

CREATE OR REPLACE TEMP MACRO sj_in_range(t) AS CASE WHEN t >= TIMESTAMP '1900-01-01' AND t < TIMESTAMP '2101-01-01' THEN t END;

CREATE OR REPLACE TEMP MACRO sj_timestamp(s, date_order, time_zone) AS (
  SELECT sj_in_range(CASE
    WHEN wall IS NULL THEN NULL
    WHEN off IS NOT NULL THEN wall - to_minutes(off)
    ELSE CAST(timezone(time_zone, wall) AS TIMESTAMP) END)
  FROM (SELECT sj_wall_time(s, date_order) AS wall, sj_text_offset(s, date_order) AS off)
);

CREATE OR REPLACE TEMP MACRO sj_date(s, date_order) AS CAST(sj_in_range(sj_wall_time(s, date_order)) AS DATE);

CREATE OR REPLACE TEMP MACRO sj_month(s, date_order) AS (
  CASE
    WHEN regexp_matches(trim(s), '^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$') THEN
      TRY_CAST(regexp_extract(trim(s), '^(\d{4})', 1) || '-' || regexp_extract(trim(s), '(\d{1,2})\s*月?$', 1) || '-01' AS DATE)
    WHEN regexp_matches(trim(s), '^\d{6}$') THEN TRY_CAST(trim(s)[1:4] || '-' || trim(s)[5:6] || '-01' AS DATE)
    ELSE CAST(date_trunc('month', sj_date(s, date_order)) AS DATE)
  END
);

CREATE OR REPLACE TEMP MACRO sj_monthday(s) AS (
  SELECT CASE WHEN st IS NULL THEN NULL
    WHEN TRY_CAST('2000-' || st.m || '-' || st.d AS DATE) IS NOT NULL THEN lpad(st.m, 2, '0') || '-' || lpad(st.d, 2, '0') END
  FROM (SELECT CASE
    WHEN regexp_matches(trim(s), '^(?:\d{4}\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$')
      THEN regexp_extract(trim(s), '^(?:\d{4}\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$', ['m', 'd'])
    WHEN regexp_matches(trim(s), '^--(\d{2})-(\d{2})$') THEN regexp_extract(trim(s), '^--(\d{2})-(\d{2})$', ['m', 'd'])
  END AS st)
);

CREATE OR REPLACE TEMP MACRO sj_amount_currency(s) AS (
  CASE
    WHEN regexp_matches(s, '[¥￥元]|CNY|RMB') THEN 'CNY'
    WHEN regexp_matches(s, '€|EUR') THEN 'EUR'
    WHEN regexp_matches(s, '£|GBP') THEN 'GBP'
    WHEN regexp_matches(s, 'HK\$|HKD') THEN 'HKD'
    WHEN regexp_matches(s, 'JPY|円') THEN 'JPY'
    WHEN regexp_matches(s, '\$|USD') THEN 'USD'
  END
);

-- digits with at most one decimal separator, after removing symbols, codes and grouping
CREATE OR REPLACE TEMP MACRO sj_plain_number(t, decimal_mark) AS (
  CASE
    WHEN decimal_mark = ',' THEN replace(replace(t, '.', ''), ',', '.')
    WHEN decimal_mark = '.' THEN replace(t, ',', '')
    WHEN regexp_matches(t, '^[+-]?\d{1,3}(\.\d{3})+,\d+$') THEN replace(replace(t, '.', ''), ',', '.')
    WHEN regexp_matches(t, '^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$') THEN replace(t, ',', '')
    WHEN regexp_matches(t, '^[+-]?\d+,\d{1,2}$') THEN replace(t, ',', '.')
    ELSE t
  END
);

CREATE OR REPLACE TEMP MACRO sj_number(s, decimal_mark) AS (
  SELECT CASE WHEN regexp_matches(n, '^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$') THEN
      (CASE WHEN neg THEN -1 ELSE 1 END) * TRY_CAST(n AS DOUBLE) * mult END
  FROM (SELECT regexp_matches(t0, '^\(.*\)$') AS neg,
               CASE WHEN t0 LIKE '%万' THEN 1e4 WHEN t0 LIKE '%亿' THEN 1e8 ELSE 1 END AS mult,
               sj_plain_number(regexp_replace(t0, '^\(|\)$|[万亿]$', '', 'g'), decimal_mark) AS n
        FROM (SELECT regexp_replace(upper(trim(s)), '(CNY|RMB|USD|EUR|GBP|HKD|JPY|HK\$|US\$|[¥￥$€£元円]|\s|''|\x{00A0}|\x{202F})', '', 'g') AS t0))
);

CREATE OR REPLACE TEMP MACRO sj_amount(s, decimal_mark) AS (
  SELECT CASE WHEN abs(v) < 1e16 THEN CAST(v AS DECIMAL(18, 2)) END FROM (SELECT sj_number(s, decimal_mark) AS v)
);

CREATE OR REPLACE TEMP MACRO sj_integer(s) AS (
  SELECT CASE WHEN regexp_matches(t, '^[+-]?\d+$') THEN TRY_CAST(t AS BIGINT) END
  FROM (SELECT regexp_replace(trim(s), '[,\s'']|人$', '', 'g') AS t)
);

CREATE OR REPLACE TEMP MACRO sj_ratio(s, decimal_mark) AS (
  SELECT CASE
    WHEN v IS NULL THEN NULL
    WHEN pct AND v BETWEEN 0 AND 100 THEN v / 100
    WHEN NOT pct AND v BETWEEN 0 AND 1 THEN v
    WHEN NOT pct AND v > 1 AND v <= 100 THEN v / 100
  END
  FROM (SELECT trim(s) LIKE '%\%%' ESCAPE '\' AS pct, sj_number(replace(trim(s), '%', ''), decimal_mark) AS v)
);

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
