import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

/**
 * A channel's win rate per month with its 95 % Wilson interval: a dot at the rate on a line from the
 * lower to the upper bound — long lines are months with few closed deals. Months without a closed deal
 * have no dot. A dashed line marks the rate over all the months shown (`reference`).
 */
export function channelWinRateChart(months, {width, reference = null, t, fmt}) {
  const data = months.filter((m) => m.win_rate !== null).map((m) => ({...m, date: new Date(`${m.month}T00:00:00Z`)}));
  const title = (d) =>
    `${fmt.month(d.month)}\n${t("channels.col.winRate")}: ${fmt.percent(d.win_rate)}\n${t(
      "channels.interval"
    )}: ${fmt.percent(d.win_rate_lower)} – ${fmt.percent(d.win_rate_upper)}\n${t("channels.closedCount", {
      won: fmt.count(d.count_won),
      closed: fmt.count(d.count_won + d.count_lost)
    })}`;
  return Plot.plot({
    width,
    height: 240,
    marginLeft: 48,
    x: {type: "utc", label: null, ticks: width < 500 ? 4 : 8, inset: 8, tickFormat: fmt.monthTick},
    y: {domain: [0, 1], tickFormat: (y) => fmt.percent(y), label: null, grid: true},
    marks: [
      reference === null ? null : Plot.ruleY([reference], {stroke: "#777", strokeDasharray: "4,3"}),
      Plot.ruleX(data, {
        x: "date",
        y1: "win_rate_lower",
        y2: "win_rate_upper",
        stroke: PALETTE[0],
        strokeOpacity: 0.5,
        strokeWidth: 2
      }),
      Plot.dot(data, {x: "date", y: "win_rate", r: 4, fill: PALETTE[0], stroke: "white", title, tip: true})
    ]
  });
}
