import * as Plot from "@observablehq/plot";
import {labelMargin} from "./label-margin.js";
import {PALETTE} from "./palette.js";

/**
 * Resolution time per ticket category: a bar to the median hours and a tick at the 90th percentile.
 * Rows: {label, resolution_hours_median, resolution_hours_p90, tip}; rows without times are left out.
 */
export function serviceResolutionChart(rows, {width, axisLabel}) {
  const shown = rows.filter((d) => d.resolution_hours_median !== null);
  return Plot.plot({
    width,
    height: 44 + 34 * shown.length,
    marginLeft: labelMargin(shown.map((d) => d.label)),
    marginRight: 20,
    x: {grid: true, label: axisLabel, nice: true},
    y: {domain: shown.map((d) => d.label), label: null},
    marks: [
      Plot.barX(shown, {y: "label", x: "resolution_hours_median", fill: PALETTE[0], title: "tip", tip: true}),
      Plot.tickX(shown, {y: "label", x: "resolution_hours_p90", stroke: PALETTE[5], strokeWidth: 3}),
      Plot.ruleX([0])
    ]
  });
}
