import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

/**
 * Time in stage as a range per stage: a bar over the middle half (25th to 75th percentile), a white tick
 * at the median and a thin line on to the 90th percentile, labelled with the median (a dark tick alone where
 * too many entries are still running for the quartiles). Rows: {label,
 * p25_days, median_days, p75_days, p90_days, title}; rows without a median are left out.
 */
export function funnelTimeChart(rows, {width, t, fmt}) {
  const shown = rows.filter((d) => d.median_days !== null);
  const end = (d) => d.p90_days ?? d.p75_days ?? d.median_days;
  return Plot.plot({
    width,
    height: 40 + 44 * shown.length,
    marginLeft: 96,
    marginRight: 90,
    x: {grid: true, label: t("funnel.time.axis"), nice: true},
    y: {domain: shown.map((d) => d.label), label: null},
    marks: [
      Plot.ruleY(
        shown.filter((d) => d.p90_days !== null && d.p75_days !== null),
        {y: "label", x1: "p75_days", x2: "p90_days", stroke: PALETTE[0], strokeWidth: 1.5}
      ),
      Plot.barX(
        shown.filter((d) => d.p25_days !== null && d.p75_days !== null),
        {y: "label", x1: "p25_days", x2: "p75_days", fill: PALETTE[0], insetTop: 8, insetBottom: 8}
      ),
      Plot.tickX(shown, {
        y: "label",
        x: "median_days",
        // white on its bar; without quartiles there is no bar to stand out from
        stroke: {value: (d) => (d.p25_days !== null && d.p75_days !== null ? "white" : "currentColor"), scale: null},
        strokeWidth: 3,
        insetTop: 8,
        insetBottom: 8
      }),
      Plot.text(shown, {
        y: "label",
        x: end,
        text: (d) => t("funnel.time.medianLabel", {days: fmt.days(d.median_days)}),
        textAnchor: "start",
        dx: 6,
        clip: false
      }),
      Plot.tip(shown, Plot.pointerY({y: "label", x: "median_days", title: "title"})),
      Plot.ruleX([0])
    ]
  });
}
