import * as Plot from "@observablehq/plot";
import {channelName} from "./channel-link.js";
import {PALETTE} from "./palette.js";

/**
 * The budget split by channel: the share of spend now (hollow) and the suggested share (filled), joined by
 * an arrow, channels in rank order (highest ROI first); the `highlight` channel is marked with ▶.
 */
export function opportunityBudgetChart(rows, {width, highlight = "", t, fmt}) {
  const now = t("opportunities.budget.now");
  const next = t("opportunities.budget.next");
  const highest = Math.max(0.1, ...rows.flatMap((d) => [d.current_share, d.next_share]));
  return Plot.plot({
    width,
    height: 40 + rows.length * 30,
    marginLeft: 100,
    x: {domain: [0, highest], label: null, tickFormat: fmt.percent, grid: true},
    y: {
      domain: rows.map((d) => d.source),
      label: null,
      tickFormat: (s) => (s === highlight ? `▶ ${channelName(s, t)}` : channelName(s, t))
    },
    color: {domain: [now, next], range: [PALETTE[7], PALETTE[0]], legend: true},
    marks: [
      Plot.arrow(rows, {
        x1: "current_share",
        x2: "next_share",
        y: "source",
        stroke: "currentColor",
        strokeOpacity: 0.5,
        headLength: 6,
        insetEnd: 5,
        insetStart: 4
      }),
      Plot.dot(rows, {
        x: "current_share",
        y: "source",
        stroke: () => now,
        fill: "var(--theme-background)",
        r: 4.5,
        tip: true,
        title: (d) =>
          `${channelName(d.source, t)}\n${now}: ${fmt.percent(d.current_share)}\n${next}: ${fmt.percent(d.next_share)}`
      }),
      Plot.dot(rows, {x: "next_share", y: "source", fill: () => next, r: 4.5})
    ]
  });
}
