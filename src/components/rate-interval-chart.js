import * as Plot from "@observablehq/plot";
import {labelMargin} from "./label-margin.js";
import {PALETTE} from "./palette.js";

/**
 * Shares with their 95 % Wilson interval, one line per row in the order given: a dot at the share, a
 * line over its interval and, with `overall`, a dashed line at the share of all rows together. Rows:
 * {label, rate, lower, upper, tip}; rows without a rate are left out. `colors` maps a label to a colour.
 */
export function rateIntervalChart(rows, {width, axisLabel, fmt, overall = null, colors = null}) {
  const shown = rows.filter((d) => d.rate !== null);
  const color = (d) => colors?.[d.label] ?? PALETTE[0];
  return Plot.plot({
    width,
    height: 44 + 30 * shown.length,
    marginLeft: labelMargin(shown.map((d) => d.label)),
    marginRight: 20,
    x: {domain: [0, 1], tickFormat: fmt.percent, grid: true, label: axisLabel},
    y: {domain: shown.map((d) => d.label), label: null},
    marks: [
      overall !== null
        ? Plot.ruleX([overall], {stroke: "currentColor", strokeDasharray: "4,3", strokeOpacity: 0.6})
        : null,
      Plot.ruleY(shown, {y: "label", x1: "lower", x2: "upper", stroke: color, strokeWidth: 2}),
      Plot.dot(shown, {y: "label", x: "rate", r: 5, fill: color, title: "tip", tip: true})
    ]
  });
}
