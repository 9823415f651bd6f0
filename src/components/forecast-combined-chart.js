import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

/**
 * This quarter in two bars: the combined view stacked from won so far, the pipeline's expected revenue and
 * the run-rate, and the statistical forecast stacked from the same won so far and its forecast of the rest;
 * each with its 80 % interval as a rule across it.
 */
export function forecastCombinedChart(combined, statistical, {width, t, fmt}) {
  const rows = {combined: t("forecast.row.combined"), statistical: t("forecast.row.statistical")};
  const parts = [
    {row: rows.combined, part: t("forecast.part.closed"), amount: combined.closed_to_date},
    {row: rows.combined, part: t("forecast.part.pipeline"), amount: combined.pipeline_expected},
    {row: rows.combined, part: t("forecast.part.runRate"), amount: combined.run_rate_amount ?? 0}
  ];
  const intervals = [{row: rows.combined, lower: combined.lower_80, upper: combined.upper_80}];
  if (statistical) {
    parts.push(
      {row: rows.statistical, part: t("forecast.part.closed"), amount: statistical.won_to_date},
      {
        row: rows.statistical,
        part: t("forecast.part.statistical"),
        amount: statistical.forecast_amount - statistical.won_to_date
      }
    );
    if (statistical.lower_80 !== null)
      intervals.push({row: rows.statistical, lower: statistical.lower_80, upper: statistical.upper_80});
  }
  return Plot.plot({
    width,
    height: 150,
    marginLeft: 90,
    marginRight: 24,
    x: {grid: true, label: null, tickFormat: fmt.moneyCompact},
    y: {domain: Object.values(rows), label: null},
    color: {
      domain: [...new Set(parts.map((p) => p.part))],
      range: [PALETTE[0], PALETTE[4], PALETTE[2], PALETTE[1]],
      legend: true
    },
    marks: [
      Plot.barX(parts, {
        x: "amount",
        y: "row",
        fill: "part",
        tip: true,
        title: (d) => `${d.part}: ${fmt.money(d.amount)}`
      }),
      Plot.ruleY(intervals, {y: "row", x1: "lower", x2: "upper", stroke: "currentColor", strokeWidth: 2}),
      Plot.tickX(intervals, {y: "row", x: "lower", stroke: "currentColor", inset: 8}),
      Plot.tickX(intervals, {y: "row", x: "upper", stroke: "currentColor", inset: 8}),
      Plot.ruleX([0])
    ]
  });
}
