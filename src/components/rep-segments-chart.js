import * as Plot from "@observablehq/plot";
import {labelMargin} from "./label-margin.js";
import {PALETTE} from "./palette.js";

/**
 * Where a rep wins: per segment value (industry, company size, province) the rep's shrunk win rate
 * (filled dot) against the other reps' win rate there (open circle), joined by a line, the rep's
 * widest lead first. Rows: {segment, segment_value, count_closed, shrunk_win_rate, others_win_rate}.
 */
export function repSegmentsChart(rows, {width, t, fmt}) {
  const shown = rows.map((d) => ({
    ...d,
    key: `${d.segment}\u0000${d.segment_value}`,
    label: `${t(`reps.segment.${d.segment}`)}: ${d.segment_value}`
  }));
  const labels = new Map(shown.map((d) => [d.key, d.label]));
  const title = (d) =>
    [
      d.label,
      `${t("reps.col.shrunk")}: ${fmt.percent(d.shrunk_win_rate)} (${t("reps.col.closed")}: ${fmt.count(d.count_closed)})`,
      `${t("reps.col.others")}: ${fmt.percent(d.others_win_rate)}`
    ].join("\n");
  return Plot.plot({
    width,
    height: 60 + 28 * shown.length,
    marginLeft: labelMargin([...labels.values()], {max: 220}),
    marginRight: 16,
    x: {domain: [0, 1], tickFormat: fmt.percent, grid: true, label: t("reps.axis.winRate")},
    y: {domain: shown.map((d) => d.key), tickFormat: (key) => labels.get(key), label: null},
    color: {domain: [t("rep.segments.rep"), t("reps.col.others")], range: [PALETTE[0], PALETTE[1]], legend: true},
    marks: [
      Plot.ruleY(shown, {
        y: "key",
        x1: "others_win_rate",
        x2: "shrunk_win_rate",
        stroke: "currentColor",
        strokeOpacity: 0.4
      }),
      Plot.dot(shown, {y: "key", x: "others_win_rate", r: 4, stroke: () => t("reps.col.others"), strokeWidth: 1.5}),
      Plot.dot(shown, {y: "key", x: "shrunk_win_rate", r: 5, fill: () => t("rep.segments.rep"), title, tip: true})
    ]
  });
}
