import {applyIsotonic, fitIsotonic} from "./isotonic-calibration.ts";
import {applyPlatt, fitPlatt} from "./platt-scaling.ts";
import type {Scored} from "./metrics.ts";

/** How a chosen method's probabilities are recalibrated on the validation part. */
export type CalibrationMethod = "platt" | "isotonic";

/** A fitted recalibration of probabilities. */
export interface Calibrator {
  method: CalibrationMethod;
  /** Platt: the factor on the log-odds (reasons scale by it); isotonic: 1 */
  slope: number;
  apply(p: number): number;
}

/** Fits Platt scaling (fitPlatt) or isotonic calibration (fitIsotonic) on validation predictions and outcomes. */
export function fitCalibrator(method: CalibrationMethod, validation: Scored): Calibrator {
  if (method === "platt") {
    const platt = fitPlatt(validation);
    return {method, slope: platt.slope, apply: (p) => applyPlatt(platt, p)};
  }
  const isotonic = fitIsotonic(validation);
  return {method, slope: 1, apply: (p) => applyIsotonic(isotonic, p)};
}
