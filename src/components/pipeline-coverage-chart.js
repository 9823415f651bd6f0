import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

/**
 * The remaining quota beside the open pipeline due in the period and its weighted value: three bars,
 * each labelled above (the labels are long for a narrow screen's margin) and with its amount at the end.
 * Rows: {label, amount, kind: "quota" | "open" | "weighted"}.
 */
export function pipelineCoverageChart(rows, {width, t, fmt}) {
  const colors = {quota: "#999999", open: PALETTE[4], weighted: PALETTE[0]};
  const band = 56;
  return Plot.plot({
    width,
    height: 50 + band * rows.length,
    marginTop: 10,
    marginBottom: 40,
    marginLeft: 24,
    marginRight: 72,
    x: {grid: true, label: t("pipeline.coverage.axis"), tickFormat: fmt.moneyCompact},
    y: {domain: rows.map((d) => d.label), axis: null, padding: 0},
    marks: [
      // the label on the upper part of each band, the bar below it
      Plot.barX(rows, {y: "label", x: "amount", fill: (d) => colors[d.kind], insetTop: 22, insetBottom: 4}),
      Plot.text(rows, {y: "label", x: 0, text: "label", textAnchor: "start", lineAnchor: "top", dy: 4 - band / 2}),
      Plot.text(rows, {
        y: "label",
        x: "amount",
        text: (d) => fmt.moneyCompact(d.amount),
        textAnchor: "start",
        dx: 6,
        dy: 9
      }),
      Plot.ruleX([0])
    ]
  });
}
