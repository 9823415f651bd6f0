import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

/**
 * Calibration of the scores on the held-out deals: per group, the mean predicted probability against the
 * share won with its 95 % Wilson interval, dots sized by the number of deals, the diagonal for reference.
 */
export function opportunityCalibrationChart(bins, {width, t, fmt}) {
  return Plot.plot({
    width: Math.min(width, 560),
    height: Math.min(width, 560) * 0.75,
    marginLeft: 48,
    x: {domain: [0, 1], label: t("opportunities.calibration.x"), tickFormat: fmt.percent, grid: true},
    y: {domain: [0, 1], label: t("opportunities.calibration.y"), tickFormat: fmt.percent, grid: true},
    r: {range: [2, 8]},
    marks: [
      Plot.line(
        [
          [0, 0],
          [1, 1]
        ],
        {stroke: "currentColor", strokeOpacity: 0.35, strokeDasharray: "4,3"}
      ),
      Plot.ruleX(bins, {x: "mean_predicted", y1: "observed_rate_lower", y2: "observed_rate_upper", stroke: PALETTE[0]}),
      Plot.dot(bins, {
        x: "mean_predicted",
        y: "observed_rate",
        r: "count",
        fill: PALETTE[0],
        tip: true,
        title: (d) =>
          t("opportunities.calibration.tip", {
            count: fmt.count(d.count),
            predicted: fmt.percent(d.mean_predicted),
            observed: fmt.percent(d.observed_rate),
            lower: fmt.percent(d.observed_rate_lower),
            upper: fmt.percent(d.observed_rate_upper)
          })
      })
    ]
  });
}
