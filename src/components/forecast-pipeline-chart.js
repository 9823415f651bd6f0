import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

const WON = "#555555";

/**
 * The pipeline forecast per expected close month: what is already won in it (the current month) stacked
 * under the open deals' expected revenue, the 80 % interval of their sum as a thick rule and the 95 % interval
 * as a thin one. Rows: pipeline_monthly with a period_start.
 */
export function forecastPipelineChart(rows, {width, t, fmt}) {
  const month = (d) => fmt.month(d.period_start);
  const label = {won: t("forecast.col.wonToDate"), expected: t("forecast.col.expected")};
  const tip = (d) =>
    `${month(d)}\n${t("forecast.col.deals")}: ${fmt.count(d.count_opportunities)}` +
    (d.count_overdue ? ` (${t("forecast.col.overdue")}: ${fmt.count(d.count_overdue)})` : "") +
    `\n${t("forecast.col.open")}: ${fmt.money(d.open_amount)}\n${t("forecast.col.expected")}: ${fmt.money(d.expected_amount)}` +
    (d.won_to_date ? `\n${label.won}: ${fmt.money(d.won_to_date)}` : "") +
    `\n${t("forecast.col.forecast")}: ${fmt.money(d.forecast_amount)}` +
    `\n${t("forecast.series.band80")}: ${fmt.money(d.lower_80)} – ${fmt.money(d.upper_80)}` +
    `\n${t("forecast.series.band95")}: ${fmt.money(d.lower_95)} – ${fmt.money(d.upper_95)}`;
  const parts = rows.flatMap((d) => [
    {...d, part: label.won, amount: d.won_to_date},
    {...d, part: label.expected, amount: d.expected_amount}
  ]);
  // month names side by side overlap on a phone: slant them
  const slanted = width < 80 * rows.length + 64;
  return Plot.plot({
    width,
    height: slanted ? 310 : 280,
    marginLeft: 64,
    marginBottom: slanted ? 60 : 30,
    x: {type: "band", domain: rows.map(month), label: null, padding: 0.45, tickRotate: slanted ? -35 : 0},
    y: {grid: true, label: t("forecast.col.forecast"), tickFormat: fmt.moneyCompact, zero: true},
    color: {domain: [label.won, label.expected], range: [WON, PALETTE[0]], legend: rows.some((d) => d.won_to_date)},
    marks: [
      Plot.barY(parts, {x: month, y: "amount", fill: "part", fillOpacity: 0.8, tip: true, title: tip}),
      Plot.ruleX(rows, {x: month, y1: "lower_95", y2: "upper_95", stroke: "currentColor", strokeWidth: 1}),
      Plot.ruleX(rows, {x: month, y1: "lower_80", y2: "upper_80", stroke: "currentColor", strokeWidth: 3.5}),
      Plot.ruleY([0])
    ]
  });
}
