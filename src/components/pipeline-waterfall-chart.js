import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

/**
 * The pipeline changes as a waterfall: start and end as bars from zero, each change as a bar from the
 * pipeline before it to the pipeline after it — up in bluish green, down in vermillion. Steps: {label,
 * step, amount, running_amount, title}, in order.
 */
export function pipelineWaterfallChart(steps, {width, t, fmt}) {
  const bars = steps.map((d) => {
    const total = d.step === "start" || d.step === "end";
    return {...d, y1: total ? 0 : d.running_amount - d.amount, y2: d.running_amount, total};
  });
  const fill = (d) => (d.total ? PALETTE[0] : d.amount >= 0 ? PALETTE[2] : PALETTE[5]);
  // labels like "Removed in the CRM" need about 140 px each side by side; fewer, and they are slanted
  const crowded = width < bars.length * 140;
  return Plot.plot({
    width,
    height: 360,
    marginTop: 36,
    marginLeft: 64,
    marginBottom: crowded ? 72 : 32,
    x: {domain: bars.map((d) => d.label), label: null, tickRotate: crowded ? -30 : 0},
    y: {grid: true, label: t("pipeline.changes.axis"), tickFormat: fmt.moneyCompact},
    marks: [
      Plot.barY(bars, {x: "label", y1: "y1", y2: "y2", fill: {value: fill, scale: null}, title: "title", tip: true}),
      Plot.text(bars, {
        x: "label",
        y: (d) => Math.max(d.y1, d.y2),
        text: (d) =>
          d.total || d.amount === 0
            ? fmt.moneyCompact(d.amount)
            : `${d.amount > 0 ? "+" : "−"}${fmt.moneyCompact(Math.abs(d.amount))}`,
        dy: -6
      }),
      Plot.ruleY([0])
    ]
  });
}
