import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

/**
 * Calibration of the scores on the test deals, before and after recalibration (`is_calibrated`): per group,
 * the mean predicted probability against the share won with its 95 % Wilson interval, dots sized by the
 * number of deals, the diagonal for reference.
 */
export function opportunityCalibrationChart(bins, {width, t, fmt}) {
  const labelled = bins.map((d) => ({
    ...d,
    when: t(d.is_calibrated ? "opportunities.calibration.after" : "opportunities.calibration.before")
  }));
  return Plot.plot({
    width: Math.min(width, 560),
    height: Math.min(width, 560) * 0.75,
    marginLeft: 48,
    x: {domain: [0, 1], label: t("opportunities.calibration.x"), tickFormat: fmt.percent, grid: true},
    y: {domain: [0, 1], label: t("opportunities.calibration.y"), tickFormat: fmt.percent, grid: true},
    r: {range: [2, 8]},
    color: {
      domain: [t("opportunities.calibration.before"), t("opportunities.calibration.after")],
      range: [PALETTE[1], PALETTE[0]],
      legend: true
    },
    marks: [
      Plot.line(
        [
          [0, 0],
          [1, 1]
        ],
        {stroke: "currentColor", strokeOpacity: 0.35, strokeDasharray: "4,3"}
      ),
      Plot.ruleX(labelled, {x: "mean_predicted", y1: "observed_rate_lower", y2: "observed_rate_upper", stroke: "when"}),
      Plot.line(labelled, {x: "mean_predicted", y: "observed_rate", stroke: "when", strokeOpacity: 0.5}),
      Plot.dot(labelled, {
        x: "mean_predicted",
        y: "observed_rate",
        r: "count",
        fill: "when",
        tip: true,
        title: (d) =>
          `${d.when}: ` +
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
