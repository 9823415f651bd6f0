import * as Plot from "@observablehq/plot";

const OUTCOMES = ["won", "lost", "open", "unknown"];

/** Opportunities created per month (UTC), stacked by current outcome. Rows: {month, outcome, count_opportunities}. */
export function opportunitiesByMonthChart(rows, {width} = {}) {
  if (rows.length === 0) return Object.assign(document.createElement("p"), {textContent: "No opportunities yet."});
  const totals = new Map();
  for (const d of rows) totals.set(d.month, (totals.get(d.month) ?? 0) + d.count_opportunities);
  const months = totals.size ? monthsBetween([...totals.keys()].sort()) : 0;
  const highest = Math.max(1, ...totals.values());
  return Plot.plot({
    width,
    height: 260,
    marginLeft: 48,
    x: {type: "utc", label: null, ticks: months <= 12 ? "month" : months <= 36 ? "3 months" : "year"},
    // whole opportunities only: no 0.5 ticks when a month holds one or two
    y: {grid: true, label: "opportunities created", ticks: Math.min(highest, 8), tickFormat: "~s"},
    color: {domain: OUTCOMES, range: ["#3b8f4a", "#c4473a", "#4e79a7", "#9c9c9c"], legend: true},
    marks: [
      Plot.rectY(rows, {
        x: (d) => new Date(`${d.month}T00:00:00Z`),
        interval: "month",
        y: "count_opportunities",
        fill: "outcome",
        order: OUTCOMES,
        inset: 1,
        tip: true
      }),
      Plot.ruleY([0])
    ]
  });
}

function monthsBetween(sorted) {
  const [y0, m0] = sorted[0].split("-").map(Number);
  const [y1, m1] = sorted[sorted.length - 1].split("-").map(Number);
  return (y1 - y0) * 12 + (m1 - m0) + 1;
}
