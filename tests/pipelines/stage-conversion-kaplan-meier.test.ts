import {describe, expect, it} from "vitest";
import {kaplanMeierQuantiles, type SurvivalTime} from "../../pipelines/stage-conversion/kaplan-meier.ts";

/** Durations and whether each ended (1) or is still running (0), as R's Surv(time, event) takes them. */
function surv(times: number[], ended: number[]): SurvivalTime[] {
  return times.map((time, i) => ({time, events: ended[i], censored: 1 - ended[i]}));
}

const P = [0.5, 0.75, 0.9];

describe("kaplanMeierQuantiles(times, probabilities)", () => {
  it("matches R survfit on censored durations", () => {
    // R: library(survival); quantile(survfit(Surv(c(2,3,3,5,6,8,9), c(1,1,0,1,0,1,1)) ~ 1), c(.5,.75,.9)) → 8 9 9
    // by hand: S(2) = 6/7, S(3) = 6/7·5/6 = 5/7, S(5) = 5/7·3/4 = 15/28, S(8) = 15/28·1/2 = 15/56, S(9) = 0;
    // 1 − S first ≥ .5 at 8 (0.732), ≥ .75 and ≥ .9 at 9
    expect(kaplanMeierQuantiles(surv([2, 3, 3, 5, 6, 8, 9], [1, 1, 0, 1, 0, 1, 1]), P)).toEqual([8, 9, 9]);
  });

  it("takes the midpoint to the next drop where the curve sits exactly at 1 − p", () => {
    // R: quantile(survfit(Surv(1:4, rep(1, 4)) ~ 1), c(.5,.75,.9)) → 2.5 3.5 4
    // S(2) = .5 exactly → (2 + 3) / 2; S(3) = .25 → (3 + 4) / 2; S(4) = 0 → 4
    expect(kaplanMeierQuantiles(surv([1, 2, 3, 4], [1, 1, 1, 1]), P)).toEqual([2.5, 3.5, 4]);
  });

  it("takes the midpoint to the last time observed when the curve never drops again", () => {
    // R: quantile(survfit(Surv(c(1:9, 20), c(rep(1, 9), 0)) ~ 1), c(.5,.75,.9)) → 5.5 8 14.5
    // S(k) = (10 − k)/10: S(5) = .5 → (5 + 6)/2; 1 − S(8) = .8 ≥ .75 → 8; S(9) = .1 → (9 + 20)/2
    expect(kaplanMeierQuantiles(surv([1, 2, 3, 4, 5, 6, 7, 8, 9, 20], [1, 1, 1, 1, 1, 1, 1, 1, 1, 0]), P)).toEqual([
      5.5, 8, 14.5
    ]);
  });

  it("returns null for a quantile the curve does not reach", () => {
    // R: quantile(survfit(Surv(c(1,2,3,4), c(1,1,0,0)) ~ 1), c(.5,.75,.9)) → 3 NA NA
    // S(1) = .75, S(2) = .5 exactly and flat to the last time 4 → (2 + 4)/2 = 3; never below .5
    expect(kaplanMeierQuantiles(surv([1, 2, 3, 4], [1, 1, 0, 0]), P)).toEqual([3, null, null]);
  });

  it("counts durations censored at an event time as at risk at it, and adds up repeated times", () => {
    // R: quantile(survfit(Surv(c(3,3,3,7), c(1,0,0,1)) ~ 1), c(.5,.75,.9)) → 7 7 7
    // S(3) = 1 − 1/4 = .75 (all four at risk), S(7) = 0
    const grouped = [
      {time: 7, events: 1, censored: 0},
      {time: 3, events: 1, censored: 2}
    ];
    expect(kaplanMeierQuantiles(grouped, P)).toEqual([7, 7, 7]);
  });

  it("returns nulls without durations", () => {
    expect(kaplanMeierQuantiles([], P)).toEqual([null, null, null]);
  });
});
