import * as Plot from "@observablehq/plot";
import {labelMargin} from "./label-margin.js";
import {PALETTE} from "./palette.js";

/**
 * Open deals per rep now, most first, with a tick at the median of the rep's team; overloaded reps in
 * vermillion. Rows: {key, label, href?, count_open, team_median_count_open, load_ratio, is_overloaded}.
 */
export function repLoadChart(rows, {width, t, fmt}) {
  const shown = [...rows].sort((a, b) => b.count_open - a.count_open);
  const labels = new Map(shown.map((d) => [d.key, d.label]));
  const state = (d) => (d.is_overloaded ? t("reps.load.overloaded") : t("reps.load.normal"));
  return Plot.plot({
    width,
    height: 60 + 30 * shown.length,
    marginLeft: labelMargin([...labels.values()]),
    x: {grid: true, label: t("reps.axis.open"), nice: true},
    y: {domain: shown.map((d) => d.key), tickFormat: (key) => labels.get(key), label: null},
    color: {domain: [t("reps.load.normal"), t("reps.load.overloaded")], range: [PALETTE[0], PALETTE[5]], legend: true},
    marks: [
      Plot.barX(shown, {
        y: "key",
        x: "count_open",
        fill: state,
        href: "href",
        title: (d) =>
          `${d.label}\n${t("reps.load.tip", {count: fmt.count(d.count_open), median: fmt.number(d.team_median_count_open)})}\n${state(d)}`,
        tip: true
      }),
      Plot.tickX(shown, {y: "key", x: "team_median_count_open", stroke: "currentColor", strokeWidth: 2}),
      Plot.ruleX([0])
    ]
  });
}
