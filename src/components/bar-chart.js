import * as Plot from "@observablehq/plot";
import {labelMargin} from "./label-margin.js";
import {PALETTE} from "./palette.js";

/**
 * Horizontal bars, one per row in the order given, each labelled at its end with `text`. Rows:
 * {label, value, text, tip?, color?}; `format` formats the axis, whose ticks are whole numbers when
 * `integer` (counts).
 */
export function barChart(rows, {width, axisLabel, format, integer = false}) {
  const max = Math.max(0, ...rows.map((d) => d.value));
  return Plot.plot({
    width,
    height: 44 + 30 * rows.length,
    marginLeft: labelMargin(rows.map((d) => d.label)),
    marginRight: 70,
    x: {
      domain: [0, max > 0 ? max : 1],
      ticks: integer && max < 10 ? Math.max(1, max) : undefined,
      tickFormat: integer ? (x) => (Number.isInteger(x) ? format(x) : "") : format,
      grid: true,
      label: axisLabel,
      nice: true
    },
    y: {domain: rows.map((d) => d.label), label: null},
    marks: [
      Plot.barX(rows, {
        y: "label",
        x: "value",
        fill: (d) => d.color ?? PALETTE[0],
        title: (d) => d.tip ?? d.text,
        tip: true
      }),
      Plot.text(rows, {y: "label", x: "value", text: "text", textAnchor: "start", dx: 4}),
      Plot.ruleX([0])
    ]
  });
}
