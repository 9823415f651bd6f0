import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

/**
 * Signed and collected amounts per month, side by side: the collected bar inside the signed one, so the
 * gap is what is still owed. Rows: {month: "2026-01", signed_amount, collected_amount}; `labels` names
 * the two series, `tip(row)` is a month's tooltip.
 */
export function collectionsMonthChart(rows, {width, fmt, axisLabel, labels, tip}) {
  const months = rows.map((d) => d.month);
  const rotate = months.length > 6 && width < 640;
  return Plot.plot({
    width,
    height: rotate ? 330 : 300,
    marginBottom: rotate ? 64 : 40,
    marginLeft: 56,
    x: {domain: months, tickFormat: fmt.monthTick, label: null, tickRotate: rotate ? -45 : 0},
    y: {grid: true, label: axisLabel, tickFormat: fmt.moneyCompact},
    color: {domain: [labels.signed, labels.collected], range: [PALETTE[0], PALETTE[2]], legend: true},
    marks: [
      Plot.barY(rows, {
        x: "month",
        y: "signed_amount",
        fill: () => labels.signed,
        fillOpacity: 0.45,
        title: tip,
        tip: true
      }),
      Plot.barY(rows, {x: "month", y: "collected_amount", fill: () => labels.collected, inset: 6}),
      Plot.ruleY([0])
    ]
  });
}
