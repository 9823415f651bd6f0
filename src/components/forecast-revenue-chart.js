import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";
import {periodBand, utcDay} from "./forecast-dates.js";

const BAND_95 = "#cfe3f1";
const BAND_80 = "#9cc6e2";
const WON = "#555555";

/**
 * Won revenue by month and the forecast with its 80 % and 95 % bands, the model not shown dashed, the
 * current month to date as a hollow dot and the selected period shaded. Slice: the forecast page's.
 */
export function forecastRevenueChart(slice, {width, site, filter, t, fmt}) {
  const label = {
    won: t("forecast.series.won"),
    forecast: t("forecast.series.forecast"),
    other: t("forecast.series.other"),
    band80: t("forecast.series.band80"),
    band95: t("forecast.series.band95")
  };
  const x = (d) => utcDay(d.month ?? d.period_start);
  const withBands = slice.forecast_monthly.filter((d) => d.lower_95 !== null);
  const tip = (d) =>
    `${fmt.month(d.period_start)}\n${label.forecast}: ${fmt.money(d.forecast_amount)}` +
    (d.won_to_date ? ` (${t("forecast.kpi.includesWon", {won: fmt.money(d.won_to_date)})})` : "") +
    (d.lower_80 === null ? "" : `\n${label.band80}: ${fmt.money(d.lower_80)} – ${fmt.money(d.upper_80)}`) +
    (d.lower_95 === null ? "" : `\n${label.band95}: ${fmt.money(d.lower_95)} – ${fmt.money(d.upper_95)}`);
  const months = [...slice.history.map((d) => d.month), ...slice.forecast_monthly.map((d) => d.period_start)];
  return Plot.plot({
    width,
    height: 320,
    marginLeft: 64,
    x: {type: "utc", label: null, tickFormat: fmt.monthTick, domain: [utcDay(months[0]), utcDay(months.at(-1))]},
    y: {grid: true, label: t("forecast.axis.revenue"), tickFormat: fmt.moneyCompact, zero: true},
    color: {
      domain: [label.won, label.forecast, label.other, label.band80, label.band95],
      range: [WON, PALETTE[0], PALETTE[1], BAND_80, BAND_95],
      legend: true
    },
    marks: [
      periodBand(site, filter),
      Plot.areaY(withBands, {x, y1: "lower_95", y2: "upper_95", fill: () => label.band95}),
      Plot.areaY(withBands, {x, y1: "lower_80", y2: "upper_80", fill: () => label.band80}),
      Plot.lineY(slice.history, {x, y: "won_amount", stroke: () => label.won, strokeWidth: 1.5}),
      Plot.dot(slice.history, {
        x,
        y: "won_amount",
        r: 2,
        fill: () => label.won,
        tip: true,
        title: (d) => `${fmt.month(d.month)}\n${label.won}: ${fmt.money(d.won_amount)}`
      }),
      Plot.dot(slice.month_to_date ? [slice.month_to_date] : [], {
        x,
        y: "won_amount",
        r: 3.5,
        stroke: () => label.won,
        fill: "var(--theme-background)",
        tip: true,
        title: (d) => `${fmt.month(d.month)}\n${t("forecast.series.monthToDate")}: ${fmt.money(d.won_amount)}`
      }),
      Plot.lineY(slice.forecast_monthly, {x, y: "other_amount", stroke: () => label.other, strokeDasharray: "4,3"}),
      Plot.lineY(slice.forecast_monthly, {x, y: "forecast_amount", stroke: () => label.forecast, strokeWidth: 2}),
      Plot.dot(slice.forecast_monthly, {
        x,
        y: "forecast_amount",
        r: 2.5,
        fill: () => label.forecast,
        tip: true,
        title: tip
      }),
      Plot.ruleY([0])
    ]
  });
}
