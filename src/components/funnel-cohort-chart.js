import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

/**
 * The cohort funnel as horizontal bars, one per step in funnel order: the share of the cohort that
 * reached it, labelled with the count and the share. Rows: {label, count_reached, reached_rate}.
 */
export function funnelCohortChart(rows, {width, t, fmt}) {
  const text = (d) => `${fmt.count(d.count_reached)} · ${fmt.percent(d.reached_rate)}`;
  return Plot.plot({
    width,
    height: 40 + 44 * rows.length,
    marginLeft: 96,
    marginRight: 110,
    x: {domain: [0, 1], tickFormat: fmt.percent, grid: true, label: t("funnel.cohort.axis")},
    y: {domain: rows.map((d) => d.label), label: null},
    marks: [
      Plot.barX(rows, {y: "label", x: "reached_rate", fill: PALETTE[0], insetTop: 4, insetBottom: 4}),
      Plot.text(rows, {y: "label", x: "reached_rate", text, textAnchor: "start", dx: 6, clip: false}),
      Plot.ruleX([0])
    ]
  });
}
