import * as Plot from "@observablehq/plot";
import {intervalText} from "./interval-text.js";
import {labelMargin} from "./label-margin.js";
import {PALETTE} from "./palette.js";

/**
 * Win rates with their uncertainty, one line per rep or team, the highest shrunk rate first: a filled
 * dot at the shrunk rate, an open circle at the observed rate, a line over its 95 % interval and a
 * dashed line at the rate of all rows together. Rows: {key, label, href?, count_won, count_lost,
 * win_rate, win_rate_lower, win_rate_upper, shrunk_win_rate}; rows without a shrunk rate are left out,
 * and the names and dots of rows with an href link to it.
 */
export function repIntervalChart(rows, {width, t, fmt}) {
  const shown = rows.filter((d) => d.shrunk_win_rate !== null).sort((a, b) => b.shrunk_win_rate - a.shrunk_win_rate);
  const won = shown.reduce((sum, d) => sum + d.count_won, 0);
  const closed = shown.reduce((sum, d) => sum + d.count_won + d.count_lost, 0);
  const labels = new Map(shown.map((d) => [d.key, d.label]));
  const title = (d) =>
    [
      d.label,
      `${t("reps.col.shrunk")}: ${fmt.percent(d.shrunk_win_rate)}`,
      `${t("reps.col.winRate")}: ${fmt.percent(d.win_rate)} (${t("reps.wonOfClosed", {won: d.count_won, closed: d.count_won + d.count_lost})})`,
      `${t("reps.col.interval")}: ${intervalText(d.win_rate_lower, d.win_rate_upper, fmt)}`
    ].join("\n");
  const marginLeft = labelMargin([...labels.values()]);
  // names as text marks rather than axis ticks, so that a rep's name links to the rep's page
  const name = (data, options) =>
    Plot.text(data, {y: "key", text: "label", frameAnchor: "left", textAnchor: "end", dx: -8, ...options});
  return Plot.plot({
    width,
    height: 40 + 30 * shown.length,
    marginLeft,
    marginRight: 16,
    x: {domain: [0, 1], tickFormat: fmt.percent, grid: true, label: t("reps.axis.winRate")},
    y: {domain: shown.map((d) => d.key), axis: null},
    marks: [
      name(
        shown.filter((d) => d.href),
        {href: "href", fill: "var(--theme-foreground-focus)"}
      ),
      name(
        shown.filter((d) => !d.href),
        {fill: "currentColor"}
      ),
      closed > 0
        ? Plot.ruleX([won / closed], {stroke: "currentColor", strokeDasharray: "4,3", strokeOpacity: 0.6})
        : null,
      Plot.ruleY(shown, {y: "key", x1: "win_rate_lower", x2: "win_rate_upper", stroke: PALETTE[0], strokeWidth: 2}),
      Plot.dot(shown, {
        y: "key",
        x: "win_rate",
        r: 4,
        stroke: PALETTE[1],
        strokeWidth: 1.5,
        fill: "var(--theme-background)"
      }),
      Plot.dot(shown, {y: "key", x: "shrunk_win_rate", r: 5, fill: PALETTE[0], href: "href", title, tip: true})
    ]
  });
}
