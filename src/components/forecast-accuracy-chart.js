import * as Plot from "@observablehq/plot";
import {periodBand, utcDay} from "./forecast-dates.js";
import {PALETTE} from "./palette.js";

/**
 * The record of past pipeline forecasts: accuracy (1 − |won − forecast| / won) of each month forecast, one
 * line per number of months ahead the forecast was made, the selected period shaded.
 */
export function forecastAccuracyChart(rows, {width, site, filter, t, fmt}) {
  const scored = rows.filter((d) => d.accuracy_rate !== null);
  const lead = (d) => t("forecast.accuracy.lead", {months: d.lead_months});
  const leads = [...new Set(scored.map((d) => d.lead_months))].sort((a, b) => a - b);
  const months = scored.map((d) => d.target_month).sort();
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 48,
    x: {
      type: "utc",
      label: null,
      tickFormat: fmt.monthTick,
      domain: months.length ? [utcDay(months[0]), utcDay(months.at(-1))] : undefined
    },
    y: {domain: [0, 1], grid: true, label: t("forecast.accuracy.axis"), tickFormat: fmt.percent},
    color: {domain: leads.map((months) => lead({lead_months: months})), range: PALETTE, legend: true},
    marks: [
      periodBand(site, filter),
      Plot.line(scored, {
        x: (d) => utcDay(d.target_month),
        y: "accuracy_rate",
        stroke: lead,
        z: lead,
        marker: "circle"
      }),
      Plot.tip(
        scored,
        Plot.pointer({
          x: (d) => utcDay(d.target_month),
          y: "accuracy_rate",
          title: (d) =>
            `${fmt.month(d.target_month)} (${lead(d)})\n${t("forecast.col.forecast")}: ${fmt.money(d.forecast_amount)}` +
            `\n${t("forecast.col.actual")}: ${fmt.money(d.actual_amount)}\n${t("forecast.col.accuracy")}: ${fmt.percent(d.accuracy_rate)}`
        })
      )
    ]
  });
}
