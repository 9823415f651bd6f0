import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

/**
 * Open amount per expected close month, stacked by stage. Cells: {bucket, stage, count_opportunities,
 * amount, weighted_amount, title}; `buckets` are the month labels in order, `stages` the stage labels in
 * funnel order (coloured in that order).
 */
export function pipelineMonthChart(cells, {width, buckets, stages, t, fmt}) {
  return Plot.plot({
    width,
    height: 320,
    marginLeft: 64,
    marginBottom: width < 560 ? 56 : 32,
    x: {domain: buckets, label: null, tickRotate: width < 560 ? -40 : 0},
    y: {grid: true, label: t("pipeline.open.axis"), tickFormat: fmt.moneyCompact},
    color: {domain: stages, range: PALETTE, legend: true},
    marks: [
      Plot.barY(cells, {x: "bucket", y: "amount", fill: "stage", order: stages, title: "title", tip: true}),
      Plot.ruleY([0])
    ]
  });
}
