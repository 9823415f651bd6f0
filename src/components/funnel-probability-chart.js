import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

/**
 * Learned against configured win probability per stage: two dots per stage joined by a line, the
 * learned one blue and round, the configured one orange and square. Rows: {label, learned, configured}.
 */
export function funnelProbabilityChart(rows, {width, t, fmt}) {
  const learned = t("funnel.probabilities.learned");
  const configured = t("funnel.probabilities.configured");
  const points = rows.flatMap((d) => [
    {label: d.label, kind: learned, value: d.learned},
    {label: d.label, kind: configured, value: d.configured}
  ]);
  const shown = points.filter((d) => d.value !== null);
  return Plot.plot({
    width,
    height: 60 + 40 * rows.length,
    marginLeft: 96,
    marginRight: 24,
    x: {domain: [0, 1], tickFormat: fmt.percent, grid: true, label: t("funnel.probabilities.axis")},
    y: {domain: rows.map((d) => d.label), label: null},
    color: {domain: [learned, configured], range: [PALETTE[0], PALETTE[1]]},
    // the symbol legend draws each symbol in its colour
    symbol: {domain: [learned, configured], range: ["circle", "square"], legend: true},
    marks: [
      Plot.link(
        rows.filter((d) => d.learned !== null && d.configured !== null),
        {y1: "label", y2: "label", x1: "configured", x2: "learned", stroke: "currentColor", strokeOpacity: 0.4}
      ),
      Plot.dot(shown, {
        y: "label",
        x: "value",
        fill: "kind",
        symbol: "kind",
        r: 6,
        title: (d) => `${d.label}, ${d.kind}: ${fmt.percent(d.value)}`,
        tip: true
      })
    ]
  });
}
