import * as Plot from "@observablehq/plot";
import {channelName} from "./channel-link.js";
import {labelMargin} from "./label-margin.js";
import {PALETTE} from "./palette.js";

/**
 * A rate per channel with its 95 % Wilson interval: a dot at the rate on a line from the lower to the
 * upper bound, highest rate first, and a dashed line at all channels' rate. A dot links to the channel's
 * page. `rate` names the row fields (`win_rate`, `win_rate_lower`, `win_rate_upper`); `count(row)` says
 * what the rate was computed on ("9 of 16 closed").
 */
export function channelRateChart(rows, {width, rate, label, reference = null, href, count, t, fmt}) {
  const data = rows
    .filter((row) => row[rate] !== null && row[rate] !== undefined)
    .map((row) => ({...row, name: channelName(row.source, t), href: href(row.source)}))
    .sort((a, b) => b[rate] - a[rate]);
  const names = data.map((d) => d.name);
  const title = (d) =>
    `${d.name}\n${label}: ${fmt.percent(d[rate])}\n${t("channels.interval")}: ${fmt.percent(
      d[`${rate}_lower`]
    )} – ${fmt.percent(d[`${rate}_upper`])}\n${count(d)}`;
  return Plot.plot({
    width,
    height: 50 + data.length * 30,
    marginLeft: labelMargin(names, {max: 160}),
    marginRight: 16,
    x: {domain: [0, 1], tickFormat: (x) => fmt.percent(x), label, grid: true, ticks: width < 500 ? 4 : 10},
    y: {domain: names, label: null},
    marks: [
      reference === null ? null : Plot.ruleX([reference], {stroke: "#777", strokeDasharray: "4,3"}),
      Plot.ruleY(data, {
        y: "name",
        x1: `${rate}_lower`,
        x2: `${rate}_upper`,
        stroke: PALETTE[0],
        strokeWidth: 2.5,
        strokeOpacity: 0.6
      }),
      Plot.dot(data, {y: "name", x: rate, r: 5, fill: PALETTE[0], stroke: "white", href: "href", title, tip: true})
    ]
  });
}
