import type {DuckDBConnection} from "@duckdb/node-api";
import {readRows} from "./read-rows.ts";

/** An amount column converted into the reporting currency, and the day whose rate converts it. */
export interface ConvertedAmount {
  table: "opportunities" | "marketing_spend" | "quotas";
  amount: string;
  /** the converted amount, beside the original: null where the amount is, or its rate is missing */
  converted: string;
  /** SQL of the table's rows with `day`, the day whose rate applies */
  dated: string;
}

export const CONVERTED_AMOUNTS: ConvertedAmount[] = [
  {
    table: "opportunities",
    amount: "amount",
    converted: "amount_reporting",
    // a deal is worth what it was on the day it closed; an open one (or a close without a date) as of its export
    dated: `SELECT t.rowid AS row_id, t.amount, t.currency,
        CASE WHEN t.outcome IN ('won', 'lost') AND t.closed_at IS NOT NULL THEN CAST(t.closed_at AS DATE)
          ELSE CAST(i.exported_at AS DATE) END AS day
      FROM opportunities t LEFT JOIN ingests i ON i.ingest_id = t._ingest_id`
  },
  {
    table: "marketing_spend",
    amount: "cost",
    converted: "cost_reporting",
    dated: "SELECT rowid AS row_id, cost AS amount, currency, month AS day FROM marketing_spend"
  },
  {
    table: "quotas",
    amount: "quota",
    converted: "quota_reporting",
    dated: "SELECT rowid AS row_id, quota AS amount, currency, month AS day FROM quotas"
  }
];

/** The reporting currency the converted amounts are in, and the amounts' coverage by rates, as of the last conversion. */
export const CONVERSION_DDL = `
CREATE TABLE IF NOT EXISTS reporting_currency (
  currency VARCHAR NOT NULL,
  -- config: shangji.config.json names it; most_frequent: the currency most opportunities are in
  chosen_by VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS currency_months (
  table_name VARCHAR NOT NULL,
  currency VARCHAR NOT NULL,
  month DATE,
  n_values INTEGER NOT NULL,
  n_converted INTEGER NOT NULL,
  rate_min DOUBLE,
  rate_max DOUBLE
);
`;

export interface ReportingCurrency {
  currency: string;
  chosen_by: "config" | "most_frequent";
}

/**
 * Converts every amount into the reporting currency at the rate of its own day: the rate of `exchange_rates`
 * for the amount's currency dated on or before the day in the same month (the month's first rate for the days
 * before it). An amount already in the reporting currency is copied; one whose month has no rate is left null,
 * never converted at another month's rate. The original amount and currency are not touched. Run after every
 * ingest, since rates may arrive after the deals, and when the configured reporting currency changes.
 *
 * Without a configured currency, the reporting currency is the one most opportunities are in (ties: the first
 * in alphabetical order); a warehouse with no currency at all has none, and nothing is converted.
 */
export async function convertAmounts(
  connection: DuckDBConnection,
  configured?: string
): Promise<ReportingCurrency | null> {
  const reporting = configured ? {currency: configured, chosen_by: "config" as const} : await mostFrequent(connection);
  await connection.run("DELETE FROM reporting_currency; DELETE FROM currency_months");
  if (reporting === null) {
    for (const {table, converted} of CONVERTED_AMOUNTS) await connection.run(`UPDATE ${table} SET ${converted} = NULL`);
    return null;
  }
  await connection.run(`INSERT INTO reporting_currency VALUES ($currency, $chosen_by)`, {...reporting});
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE sj_rates AS
    SELECT upper(trim(currency)) AS currency, rate_date, rate FROM exchange_rates WHERE rate > 0 AND rate_date IS NOT NULL`);
  for (const {table, amount, converted, dated} of CONVERTED_AMOUNTS) {
    await connection.run(`CREATE OR REPLACE TEMP TABLE sj_dated AS ${dated}`);
    await connection.run(`
      CREATE OR REPLACE TEMP TABLE sj_day_rates AS
      WITH days AS (SELECT DISTINCT currency, day FROM sj_dated WHERE amount IS NOT NULL)
      SELECT d.currency, d.day,
        -- the latest rate on or before the day, else the month's first (a daily file starting after the 1st)
        arg_min(r.rate, CASE WHEN r.rate_date <= d.day THEN date_diff('day', r.rate_date, d.day)
                             ELSE 100 + date_diff('day', d.day, r.rate_date) END) AS rate
      FROM days d JOIN sj_rates r
        ON r.currency = d.currency AND date_trunc('month', r.rate_date) = date_trunc('month', d.day)
      GROUP BY d.currency, d.day`);
    await connection.run(
      `UPDATE ${table} SET ${converted} = CASE WHEN currency IS NULL OR currency = $reporting THEN ${amount} END`,
      {reporting: reporting.currency}
    );
    await connection.run(
      `UPDATE ${table} SET ${converted} = c.value
       FROM (SELECT t.row_id, CAST(round(t.amount * dr.rate, 2) AS DECIMAL(18,2)) AS value
             FROM sj_dated t JOIN sj_day_rates dr ON dr.currency = t.currency AND dr.day = t.day
             WHERE t.amount IS NOT NULL AND t.currency <> $reporting) c
       WHERE ${table}.rowid = c.row_id`,
      {reporting: reporting.currency}
    );
    await connection.run(
      `INSERT INTO currency_months
       SELECT '${table}', coalesce(t.currency, $reporting), date_trunc('month', t.day) AS month, count(*)::INTEGER,
         count(*) FILTER (WHERE t.currency IS NULL OR t.currency = $reporting OR dr.rate IS NOT NULL)::INTEGER,
         min(dr.rate), max(dr.rate)
       FROM sj_dated t LEFT JOIN sj_day_rates dr ON dr.currency = t.currency AND dr.day = t.day
       WHERE t.amount IS NOT NULL
       GROUP BY ALL`,
      {reporting: reporting.currency}
    );
  }
  await connection.run("DROP TABLE sj_rates; DROP TABLE sj_dated; DROP TABLE sj_day_rates");
  return reporting;
}

/** The reporting currency of the last conversion; null before any, or in a warehouse without currencies. */
/**
 * Rates are rates into the reporting currency: a rate other than 1 for the reporting currency itself says they
 * are into another one (USD deals the most frequent, rates into CNY), and every conversion would be wrong.
 */
export async function ratesWarning(
  connection: DuckDBConnection,
  reporting: ReportingCurrency | null
): Promise<string | undefined> {
  if (reporting === null) return undefined;
  const [row] = await readRows<{n: number}>(
    connection,
    `SELECT count(*)::INTEGER AS n FROM exchange_rates WHERE upper(trim(currency)) = $currency AND rate <> 1`,
    {currency: reporting.currency}
  );
  if (row.n === 0) return undefined;
  const why =
    reporting.chosen_by === "config" ? "set in shangji.config.json" : "the currency most opportunities are in";
  return (
    `exchange rates are read as rates into the reporting currency, ${reporting.currency} (${why}), yet ` +
    `${row.n.toLocaleString("en")} of them give ${reporting.currency} itself a rate other than 1: they are ` +
    `probably rates into another currency; set "reportingCurrency" in shangji.config.json to it`
  );
}

export async function readReportingCurrency(connection: DuckDBConnection): Promise<ReportingCurrency | null> {
  const rows = await readRows<ReportingCurrency>(connection, `SELECT currency, chosen_by FROM reporting_currency`);
  return rows[0] ?? null;
}

/** SQL of the currency most opportunities are in (ties: the first in alphabetical order); no row without one. */
export const MOST_FREQUENT_CURRENCY_SQL = `SELECT currency FROM opportunities WHERE currency IS NOT NULL
  GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1`;

async function mostFrequent(connection: DuckDBConnection): Promise<ReportingCurrency | null> {
  const rows = await readRows<{currency: string}>(connection, MOST_FREQUENT_CURRENCY_SQL);
  return rows.length ? {currency: rows[0].currency, chosen_by: "most_frequent"} : null;
}
