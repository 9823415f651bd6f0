import {MOST_FREQUENT_CURRENCY_SQL} from "../../warehouse/convert-amounts.ts";

/**
 * The tables with money, as pipelines read them: every amount in the reporting currency, `currency` naming it.
 * Ingest converts each amount once, at the rate of its own day, into a column beside the original (`amount_reporting`,
 * `cost_reporting`, `quota_reporting`); an amount whose rate is missing reads as missing, never as the original.
 * An amount already in the reporting currency, or in none, is read as it is, as is every amount of a warehouse
 * never converted (rows written by hand): it has no reporting currency to convert into.
 */
function inReportingCurrency(table: string, amount: string, converted: string): string {
  return `(SELECT t.* EXCLUDE (${converted}) REPLACE (
      CASE WHEN rc.currency IS NULL OR t.currency IS NULL OR t.currency = rc.currency THEN t.${amount}
        ELSE t.${converted} END AS ${amount},
      coalesce(rc.currency, t.currency) AS currency)
    FROM ${table} t, (SELECT max(currency) AS currency FROM reporting_currency) rc)`;
}

/** `opportunities` with `amount` in the reporting currency */
export const REPORTING_OPPORTUNITIES = inReportingCurrency("opportunities", "amount", "amount_reporting");

/** `marketing_spend` with `cost` in the reporting currency */
export const REPORTING_SPEND = inReportingCurrency("marketing_spend", "cost", "cost_reporting");

/** `quotas` with `quota` in the reporting currency */
export const REPORTING_QUOTAS = inReportingCurrency("quotas", "quota", "quota_reporting");

/**
 * SQL of the currency the amounts are in: the reporting currency, or in a warehouse never converted the one
 * most opportunities are in.
 */
export const REPORTING_CURRENCY_SQL = `SELECT coalesce((SELECT max(currency) FROM reporting_currency),
    (${MOST_FREQUENT_CURRENCY_SQL})) AS currency`;

/**
 * SQL: whether a row's amount, not converted (a stage's or a snapshot's amount), is in the reporting currency, so it
 * can stand beside converted ones; true where the currency is unknown or the warehouse never converted.
 */
export function inReportingCurrencySql(currency: string): string {
  return `coalesce(${currency} = (SELECT max(currency) FROM reporting_currency), true)`;
}
