import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

/**
 * Per stage, the open amount (light bar), the amount weighted by the learned probability (dark bar
 * inside it) and weighted by the configured probability (black tick). Rows: {label, amount,
 * weighted_amount, configured_weighted_amount, title}.
 */
export function pipelineWeightedChart(rows, {width, t, fmt}) {
  return Plot.plot({
    width,
    height: 40 + 48 * rows.length,
    marginLeft: 96,
    marginRight: 24,
    x: {grid: true, label: t("pipeline.weighted.axis"), tickFormat: fmt.moneyCompact},
    y: {domain: rows.map((d) => d.label), label: null},
    marks: [
      Plot.barX(rows, {y: "label", x: "amount", fill: PALETTE[4], fillOpacity: 0.45, insetTop: 4, insetBottom: 4}),
      Plot.barX(rows, {y: "label", x: "weighted_amount", fill: PALETTE[0], insetTop: 12, insetBottom: 12}),
      Plot.tickX(rows, {y: "label", x: "configured_weighted_amount", stroke: "currentColor", strokeWidth: 2}),
      Plot.tip(rows, Plot.pointerY({y: "label", x: "amount", title: "title"})),
      Plot.ruleX([0])
    ]
  });
}
