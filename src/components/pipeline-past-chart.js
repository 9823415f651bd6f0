import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

/**
 * The open amount at each month-end and now, stacked by stage, the chosen month-end in full colour and
 * the others faded. Cells: {column, stage, amount, count_opportunities, title}; `columns` in order.
 */
export function pipelinePastChart(cells, {width, columns, chosen, stages, t, fmt}) {
  return Plot.plot({
    width,
    height: 320,
    marginLeft: 64,
    marginBottom: width < 560 ? 56 : 32,
    x: {domain: columns, label: null, tickRotate: width < 560 ? -40 : 0},
    y: {grid: true, label: t("pipeline.past.axis"), tickFormat: fmt.moneyCompact},
    color: {domain: stages, range: PALETTE, legend: true},
    marks: [
      Plot.barY(cells, {
        x: "column",
        y: "amount",
        fill: "stage",
        order: stages,
        fillOpacity: (d) => (d.column === chosen || d.column === columns.at(-1) ? 1 : 0.35),
        title: "title",
        tip: true
      }),
      Plot.ruleY([0])
    ]
  });
}
