import * as Plot from "@observablehq/plot";
import {labelMargin} from "./label-margin.js";
import {PALETTE} from "./palette.js";

/** Scores 1 (vermillion) to 5 (blue), 3 neutral grey: never red against green. */
const SCORE_COLORS = [PALETTE[5], PALETTE[1], "#BBBBBB", PALETTE[4], PALETTE[0]];

/**
 * Each ticket category's ratings as one bar of 100 %, split by score 1–5. Rows: {label, n_rated,
 * n_score_1 … n_score_5}; `scoreLabel(score)` names a score in the legend, `tip(part)` is a part's
 * tooltip ({label, score, count, share}).
 */
export function serviceSatisfactionChart(rows, {width, fmt, axisLabel, scoreLabel, tip}) {
  const shown = rows.filter((d) => d.n_rated > 0);
  const parts = shown.flatMap((d) =>
    [1, 2, 3, 4, 5].map((score) => ({
      label: d.label,
      score: scoreLabel(score),
      count: d[`n_score_${score}`],
      share: d[`n_score_${score}`] / d.n_rated
    }))
  );
  return Plot.plot({
    width,
    height: 70 + 34 * shown.length,
    marginLeft: labelMargin(shown.map((d) => d.label)),
    marginRight: 20,
    x: {domain: [0, 1], tickFormat: fmt.percent, label: axisLabel},
    y: {domain: shown.map((d) => d.label), label: null},
    color: {domain: [1, 2, 3, 4, 5].map(scoreLabel), range: SCORE_COLORS, legend: true},
    marks: [Plot.barX(parts, {y: "label", x: "share", fill: "score", title: tip, tip: true}), Plot.ruleX([0])]
  });
}
