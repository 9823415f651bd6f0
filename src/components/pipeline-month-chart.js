import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

/**
 * Open amount per expected close month, stacked by stage. Cells: {bucket, stage, count_opportunities,
 * amount, weighted_amount, title}; `buckets` are the month labels in order, `stages` the stage labels in
 * funnel order (coloured in that order).
 */
export function pipelineMonthChart(cells, {width, buckets, stages, t, fmt}) {
  return stageAmountChart(cells, {width, x: "bucket", domain: buckets, label: t("pipeline.open.axis"), stages, fmt});
}

/**
 * Amounts stacked by stage over the columns `domain` of cells' field `x`, the stages coloured in funnel
 * order; `fillOpacity` fades some cells.
 */
export function stageAmountChart(cells, {width, x, domain, label, stages, fmt, fillOpacity = 1}) {
  return Plot.plot({
    width,
    height: 320,
    marginLeft: 64,
    marginBottom: width < 560 ? 56 : 32,
    x: {domain, label: null, tickRotate: width < 560 ? -40 : 0},
    y: {grid: true, label, tickFormat: fmt.moneyCompact},
    color: {domain: stages, range: PALETTE, legend: true},
    marks: [
      Plot.barY(cells, {x, y: "amount", fill: "stage", order: stages, fillOpacity, title: "title", tip: true}),
      Plot.ruleY([0])
    ]
  });
}
