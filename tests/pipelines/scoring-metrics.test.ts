import {describe, expect, it} from "vitest";
import {auc, brierScore, calibrationTable, logLoss} from "../../pipelines/scoring/metrics.ts";

// won: 0.35, 0.8, 0.4; lost: 0.1, 0.4, 0.4
const SCORED = {predicted: [0.1, 0.4, 0.35, 0.8, 0.4, 0.4], actual: [0, 0, 1, 1, 1, 0]};

describe("auc(scored)", () => {
  it("counts won-over-lost pairs, ties as one half", () => {
    // 0.35 beats 0.1 (1); 0.8 beats all three (3); 0.4 beats 0.1 and ties 0.4 twice (1 + 0.5 + 0.5) → 6 / 9.
    // scikit-learn: roc_auc_score(t, p) = 0.6666666666666667
    expect(auc(SCORED)).toBeCloseTo(2 / 3, 15);
    expect(auc({predicted: [0.1, 0.4, 0.35, 0.8], actual: [0, 0, 1, 1]})).toBe(0.75);
  });

  it("is null without both classes and 0.5 for a constant score", () => {
    expect(auc({predicted: [0.2, 0.3], actual: [1, 1]})).toBeNull();
    expect(auc({predicted: [0.5, 0.5, 0.5], actual: [1, 0, 1]})).toBe(0.5);
  });
});

describe("brierScore(scored) and logLoss(scored)", () => {
  it("average the squared error and the cross-entropy", () => {
    // (0.1² + 0.4² + 0.65² + 0.2² + 0.6² + 0.4²) / 6 = 1.1525 / 6; scikit-learn brier_score_loss = 0.19208333333333336
    expect(brierScore(SCORED)).toBeCloseTo(0.19208333333333336, 15);
    // −(ln 0.9 + ln 0.6 + ln 0.35 + ln 0.8 + ln 0.4 + ln 0.6) / 6; scikit-learn log_loss = 0.5527113618128084
    expect(logLoss(SCORED)).toBeCloseTo(0.5527113618128084, 14);
  });

  it("clips certain wrong predictions and is null without predictions", () => {
    // −ln(1e-15) = 34.538776394910684
    expect(logLoss({predicted: [0], actual: [1]})).toBeCloseTo(34.538776394910684, 9);
    expect(brierScore({predicted: [], actual: []})).toBeNull();
    expect(() => brierScore({predicted: [0.5], actual: [2]})).toThrow("brierScore requires 0/1 outcomes, got 2");
  });
});

describe("calibrationTable(scored)", () => {
  it("bins predictions in tenths with the observed share won", () => {
    const table = calibrationTable(SCORED);
    expect(table).toHaveLength(10);
    // bin 2 [0.1, 0.2): 0.1 lost; bin 4 [0.3, 0.4): 0.35 won; bin 5 [0.4, 0.5): 0.4 ×3, one won; bin 9: 0.8 won
    // prettier-ignore
    expect(table.map((b) => [b.bin, b.count, b.count_won])).toEqual([
      [1, 0, 0], [2, 1, 0], [3, 0, 0], [4, 1, 1], [5, 3, 1], [6, 0, 0], [7, 0, 0], [8, 0, 0], [9, 1, 1], [10, 0, 0]
    ]);
    expect(table[4]).toMatchObject({lower: 0.4, upper: 0.5, observed_rate: 1 / 3});
    expect(table[4].mean_predicted).toBeCloseTo(0.4, 15);
    // Wilson 95 % for 1 of 3: R prop.test(1, 3, correct = FALSE)$conf.int = 0.06149194472 0.79234039920
    expect(table[4].observed_rate_lower).toBeCloseTo(0.06149194472, 9);
    expect(table[4].observed_rate_upper).toBeCloseTo(0.7923403992, 9);
    expect(table[0]).toMatchObject({count: 0, mean_predicted: null, observed_rate: null});
    // a prediction of exactly 1 falls in the last bin
    expect(calibrationTable({predicted: [1], actual: [1]})[9].count).toBe(1);
  });
});
