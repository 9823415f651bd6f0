import * as Plot from "@observablehq/plot";
import {channelName} from "./channel-link.js";
import {labelMargin} from "./label-margin.js";
import {PALETTE} from "./palette.js";

/**
 * ROI per channel with spend: a bar from 0 (break-even) to (won gross margin − cost) / cost, labelled
 * with its value, highest first. The axis is a symmetric log scale, so that a channel returning a
 * hundred times its cost and one losing money both stay readable; the labels give the exact values.
 */
export function channelRoiChart(rows, {width, href, t, fmt}) {
  const data = rows
    .filter((row) => row.roi !== null && row.roi !== undefined)
    .map((row) => ({...row, name: channelName(row.source, t), href: href(row.source)}))
    .sort((a, b) => b.roi - a.roi);
  const names = data.map((d) => d.name);
  // decades, as on a log axis: −100 %, 0, +100 %, +1,000 % …, within the data
  const low = Math.min(0, ...data.map((d) => d.roi));
  const high = Math.max(1, ...data.map((d) => d.roi));
  const ticks = [-1, -0.5, 0, 1, 10, 100, 1000, 10000].filter((x) => x >= low && x <= high);
  const title = (d) =>
    `${d.name}\n${t("channels.col.roi")}: ${fmt.signedPercent(d.roi)}\n${t("channels.col.cost")}: ${fmt.money(
      d.cost
    )}\n${t("channels.col.grossMargin")}: ${fmt.money(d.won_gross_margin)}`;
  return Plot.plot({
    width,
    height: 50 + data.length * 30,
    marginLeft: labelMargin(names, {max: 160}),
    marginRight: 70,
    x: {
      type: "symlog",
      domain: [low, high],
      label: t("channels.roi.axis"),
      tickFormat: (x) => fmt.signedPercent(x),
      ticks,
      grid: true
    },
    y: {domain: names, label: null},
    marks: [
      Plot.barX(data, {
        y: "name",
        x: "roi",
        fill: (d) => (d.roi >= 0 ? PALETTE[0] : PALETTE[5]),
        href: "href",
        title,
        tip: true
      }),
      Plot.text(data, {
        y: "name",
        x: "roi",
        text: (d) => fmt.signedPercent(d.roi),
        textAnchor: "start",
        dx: 4,
        filter: (d) => d.roi >= 0
      }),
      Plot.text(data, {
        y: "name",
        x: 0,
        text: (d) => fmt.signedPercent(d.roi),
        textAnchor: "start",
        dx: 4,
        filter: (d) => d.roi < 0
      }),
      Plot.ruleX([0])
    ]
  });
}
