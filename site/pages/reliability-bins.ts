import type {MethodCalibrationBin} from "../../pipelines/scoring/choose-and-calibrate.ts";
import {significant} from "../significant.ts";

/** One non-empty bin of a reliability plot, before or after recalibration. */
export interface ReliabilityBin {
  is_calibrated: boolean;
  mean_predicted: number;
  observed_rate: number;
  observed_rate_lower: number | null;
  observed_rate_upper: number | null;
  count: number;
}

/** The used method's non-empty calibration bins, before and after recalibration, rounded for the page. */
export function reliabilityBins<M extends string>(
  rows: readonly MethodCalibrationBin<M>[],
  method: M | undefined
): ReliabilityBin[] {
  return rows
    .filter((row) => row.method === method && row.mean_predicted !== null && row.observed_rate !== null)
    .map((row) => ({
      is_calibrated: row.is_calibrated,
      mean_predicted: significant(row.mean_predicted!),
      observed_rate: significant(row.observed_rate!),
      observed_rate_lower: significant(row.observed_rate_lower),
      observed_rate_upper: significant(row.observed_rate_upper),
      count: row.count
    }));
}
