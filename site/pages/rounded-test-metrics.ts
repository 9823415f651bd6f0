import type {HeldOutMetrics} from "../../pipelines/scoring/held-out-metrics.ts";
import {significant} from "../significant.ts";

type TestFigures = Omit<HeldOutMetrics, "log_loss"> & {
  validation_auc: number | null;
  validation_brier_score: number | null;
  calibrated_brier_score: number | null;
};

/** A scoring method's test figures with their 95 % ranges, its validation figures and its recalibrated Brier, to four significant digits. */
export function roundedTestMetrics(row: TestFigures): TestFigures {
  return {
    auc: significant(row.auc),
    auc_lower: significant(row.auc_lower),
    auc_upper: significant(row.auc_upper),
    brier_score: significant(row.brier_score),
    brier_score_lower: significant(row.brier_score_lower),
    brier_score_upper: significant(row.brier_score_upper),
    validation_auc: significant(row.validation_auc),
    validation_brier_score: significant(row.validation_brier_score),
    calibrated_brier_score: significant(row.calibrated_brier_score)
  };
}
