import * as Plot from "@observablehq/plot";
import {labelMargin} from "./label-margin.js";

/**
 * A count matrix as a heatmap: one cell per (row, column) that occurred, coloured by `share` (0–1) on
 * a single-hue scale and labelled with its count. Cells: {row, column, count, share, title}; `rows` and
 * `columns` give the order. Used for stage transitions and lost reasons by stage.
 */
export function funnelMatrixChart(cells, {width, rows, columns, xLabel, yLabel, shareLabel, scheme, fmt}) {
  const narrow = width < 560;
  return Plot.plot({
    width,
    height: (narrow ? 70 : 50) + 36 * rows.length,
    marginLeft: labelMargin(rows, {min: 44, max: 200}),
    marginBottom: narrow ? 56 : 36,
    padding: 0.04,
    x: {domain: columns, label: xLabel, tickRotate: narrow ? -35 : 0},
    // the title names the rows; an axis label would sit on the tick labels
    y: {domain: rows, label: null, ariaLabel: yLabel},
    color: {type: "linear", scheme, domain: [0, 1], legend: true, label: shareLabel, tickFormat: fmt.percent},
    marks: [
      Plot.cell(cells, {x: "column", y: "row", fill: "share", title: "title", tip: true}),
      Plot.text(cells, {
        x: "column",
        y: "row",
        text: (d) => fmt.count(d.count),
        // dark cells get white text; the colour bypasses the share scale
        fill: {value: (d) => (d.share > 0.5 ? "white" : "black"), scale: null}
      })
    ]
  });
}
