import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

/**
 * Tickets opened per month, stacked by category (complaints in vermillion), each category's part split
 * into resolved (lighter) and still open (darker). Rows: {month: "2026-01", category, categoryLabel,
 * is_complaint, n_tickets, n_open}; `tip(row)` is a row's tooltip.
 */
export function serviceTicketsChart(rows, {width, fmt, axisLabel, tip}) {
  const labels = [...new Set(rows.map((d) => d.categoryLabel))];
  const complaints = new Set(rows.filter((d) => d.is_complaint).map((d) => d.categoryLabel));
  // vermillion marks complaints; orange and yellow, too close to it, come last
  const others = [PALETTE[0], PALETTE[2], PALETTE[3], PALETTE[4], PALETTE[7], PALETTE[1], PALETTE[6]];
  let next = 0;
  const range = labels.map((label) => (complaints.has(label) ? PALETTE[5] : others[next++ % others.length]));
  const parts = rows.flatMap((d) => [
    {...d, status: "resolved", n: d.n_tickets - d.n_open},
    {...d, status: "open", n: d.n_open}
  ]);
  const months = [...new Set(rows.map((d) => d.month))].sort();
  const rotate = months.length > 6 && width < 640;
  return Plot.plot({
    width,
    height: rotate ? 330 : 300,
    marginBottom: rotate ? 64 : 40,
    marginLeft: 44,
    x: {domain: months, tickFormat: fmt.monthTick, label: null, tickRotate: rotate ? -45 : 0},
    y: {grid: true, label: axisLabel},
    color: {domain: labels, range, legend: true},
    marks: [
      Plot.barY(parts, {
        x: "month",
        y: "n",
        fill: "categoryLabel",
        fillOpacity: (d) => (d.status === "open" ? 1 : 0.55),
        order: (d) => `${labels.indexOf(d.categoryLabel)}${d.status === "open" ? 1 : 0}`,
        title: tip,
        tip: true
      }),
      Plot.ruleY([0])
    ]
  });
}
