import type {PipelineContext} from "../lib/context.ts";
import {readRows} from "../lib/read-rows.ts";

/** One currency the amounts were exported in. */
export interface CurrencyCoverageRow {
  /** ISO code, as exported */
  currency: string;
  /** the reporting currency itself: its amounts need no rate */
  is_reporting: boolean;
  /** amounts in it: opportunities, marketing spend and quotas */
  n_values: number;
  /** of which converted into the reporting currency (all of them for the reporting currency) */
  n_converted: number;
  /** months whose rate an amount in it needs */
  n_months: number;
  /** of which the exchange rates cover */
  n_months_with_rate: number;
  /** lowest and highest rate used; null for the reporting currency, or when no rate was used */
  rate_min: number | null;
  rate_max: number | null;
}

/** Amounts set aside for want of a rate — grain: one row per table × currency × month. */
export interface SetAsideAmountRow {
  table: "opportunities" | "marketing_spend" | "quotas";
  currency: string;
  /** the month without a rate, YYYY-MM */
  month: string;
  /** amounts left out of every sum until a rate for the month is ingested */
  n_values: number;
}

export interface CurrencyCoverage {
  /** the currency every amount is converted into; null without any currency (nothing converted) */
  reporting_currency: string | null;
  /** config: named in shangji.config.json; most_frequent: the currency most opportunities are in */
  chosen_by: "config" | "most_frequent" | null;
  /** the most amounts first */
  currencies: CurrencyCoverageRow[];
  /** the oldest month first */
  set_aside: SetAsideAmountRow[];
}

/**
 * Currency coverage: the currencies the amounts were exported in, how many of their amounts the exchange rates
 * convert into the reporting currency, the rates used, and the amounts set aside for want of a rate with their
 * currency and month. Why it matters: an amount without the rate of its own month is left out of every total
 * rather than summed as it is or converted at another month's rate, so a missing rate shrinks the totals; this
 * names the rates to add. As ingest last converted the amounts (after every ingest).
 *
 * Input: reporting_currency and currency_months (written by the conversion). The period and filters are not
 * used. A single-currency warehouse has one row, and nothing set aside.
 *
 * @example
 * const {currencies, set_aside} = await currencyCoverage(ctx);
 * // currencies: [{currency: "CNY", is_reporting: true, n_values: 900, …}, {currency: "USD", n_months_with_rate: 11, …}]
 * // set_aside: [{table: "opportunities", currency: "USD", month: "2025-02", n_values: 3}]
 */
export async function currencyCoverage(ctx: Pick<PipelineContext, "connection">): Promise<CurrencyCoverage> {
  const [reporting] = await readRows<Pick<CurrencyCoverage, "chosen_by"> & {currency: string}>(
    ctx.connection,
    `SELECT currency, chosen_by FROM reporting_currency`
  );
  const currencies = await readRows<CurrencyCoverageRow>(
    ctx.connection,
    `WITH months AS (
       SELECT currency, month, sum(n_values) AS n_values, sum(n_converted) AS n_converted,
         min(rate_min) AS rate_min, max(rate_max) AS rate_max
       FROM currency_months GROUP BY ALL
     )
     SELECT m.currency, m.currency = r.currency AS is_reporting, sum(m.n_values)::INTEGER AS n_values,
       sum(m.n_converted)::INTEGER AS n_converted, count(*)::INTEGER AS n_months,
       count(*) FILTER (WHERE m.currency = r.currency OR m.rate_min IS NOT NULL)::INTEGER AS n_months_with_rate,
       min(m.rate_min) AS rate_min, max(m.rate_max) AS rate_max
     FROM months m, reporting_currency r
     GROUP BY ALL ORDER BY n_values DESC, m.currency`
  );
  const setAside = await readRows<SetAsideAmountRow>(
    ctx.connection,
    `SELECT table_name AS "table", currency, strftime(month, '%Y-%m') AS month,
       sum(n_values - n_converted)::INTEGER AS n_values
     FROM currency_months WHERE n_values > n_converted
     GROUP BY ALL ORDER BY month, currency, "table"`
  );
  return {
    reporting_currency: reporting?.currency ?? null,
    chosen_by: reporting?.chosen_by ?? null,
    currencies,
    set_aside: setAside
  };
}
