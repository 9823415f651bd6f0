import * as Plot from "@observablehq/plot";
import {channelName} from "./channel-link.js";
import {labelMargin} from "./label-margin.js";
import {PALETTE} from "./palette.js";

/** The share of each channel's leads that repeat an earlier lead, most first, labelled with the count. */
export function channelDuplicatesChart(rows, {width, href, t, fmt}) {
  const data = rows
    .filter((row) => row.count_leads > 0 && row.count_duplicate_leads !== null)
    .map((row) => ({
      name: channelName(row.source, t),
      href: href(row.source),
      share: row.count_duplicate_leads / row.count_leads,
      count: row.count_duplicate_leads,
      leads: row.count_leads
    }))
    .sort((a, b) => b.share - a.share);
  return Plot.plot({
    width,
    height: 50 + data.length * 28,
    marginLeft: labelMargin(
      data.map((d) => d.name),
      {max: 160}
    ),
    marginRight: 48,
    x: {label: t("channels.duplicates.axis"), tickFormat: (x) => fmt.percent(x), grid: true, ticks: 4},
    y: {domain: data.map((d) => d.name), label: null},
    marks: [
      Plot.barX(data, {
        y: "name",
        x: "share",
        fill: PALETTE[1],
        href: "href",
        title: (d) => `${d.name}\n${fmt.count(d.count)} / ${fmt.count(d.leads)} (${fmt.percent(d.share)})`,
        tip: true
      }),
      Plot.text(data, {y: "name", x: "share", text: (d) => fmt.count(d.count), textAnchor: "start", dx: 4}),
      Plot.ruleX([0])
    ]
  });
}
