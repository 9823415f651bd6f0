import {describe, expect, it} from "vitest";
import {empiricalBayes} from "../../../pipelines/stats/empirical-bayes.ts";

describe("empiricalBayes(groups)", () => {
  it("fits the prior by the method of moments and shrinks each rate (hand computation)", () => {
    // groups 8/10, 2/10, 20/40: N = 60, μ = 30/60 = 0.5, rates 0.8, 0.2, 0.5
    // Q = 10·0.3² + 10·0.3² + 40·0² = 1.8;  (k − 1)·μ(1 − μ) = 2 · 0.25 = 0.5
    // N − Σn²/N = 60 − (100 + 100 + 1600)/60 = 30;  τ² = (1.8 − 0.5)/30 = 13/300
    // α + β = 0.25/(13/300) − 1 = 75/13 − 1 = 62/13;  α = β = 31/13
    // shrunk: (8 + 31/13)/(10 + 62/13) = 135/192 = 0.703125; (2 + 31/13)/(192/13) = 57/192 = 0.296875;
    //         (20 + 31/13)/(40 + 62/13) = 291/582 = 0.5
    const fit = empiricalBayes([
      {successes: 8, trials: 10},
      {successes: 2, trials: 10},
      {successes: 20, trials: 40}
    ]);
    expect(fit.mean).toBe(0.5);
    expect(fit.prior!.alpha).toBeCloseTo(31 / 13, 12);
    expect(fit.prior!.beta).toBeCloseTo(31 / 13, 12);
    expect(fit.shrunk[0]).toBeCloseTo(0.703125, 12);
    expect(fit.shrunk[1]).toBeCloseTo(0.296875, 12);
    expect(fit.shrunk[2]).toBeCloseTo(0.5, 12);
  });

  it("gives a group without trials the pooled rate", () => {
    // same groups plus 0/0: the prior is fitted on the three observed groups, the empty one gets μ = 0.5
    const fit = empiricalBayes([
      {successes: 8, trials: 10},
      {successes: 0, trials: 0},
      {successes: 2, trials: 10},
      {successes: 20, trials: 40}
    ]);
    expect(fit.shrunk[0]).toBeCloseTo(0.703125, 12);
    expect(fit.shrunk[1]).toBe(0.5);
  });

  it("does not let 2 of 2 outrank 80 of 120", () => {
    // groups 2/2, 80/120, 30/60, 40/100: N = 282, μ = 152/282 = 0.539007
    // Q = 2(1 − μ)² + 120(2/3 − μ)² + 60(0.5 − μ)² + 100(0.4 − μ)² = 0.42497 + 1.96021 + 0.09120 + 1.92788 = 4.404255
    // N − Σn²/N = 282 − 14104/282 = 182.695035;  τ² = (4.404255 − 3·0.248478)/182.695035 = 0.0200269
    // α + β = 0.248478/0.0200269 − 1 = 11.40722;  α = μ·11.40722 = 6.14857, β = 5.25865
    // shrunk 2/2 = 8.14857/13.40722 = 0.60777;  80/120 = 86.14857/131.40722 = 0.65558
    // (exact fractions in Python: fractions.Fraction over the same formulas give 11.407218421, 0.607774959, 0.655584774)
    const fit = empiricalBayes([
      {successes: 2, trials: 2},
      {successes: 80, trials: 120},
      {successes: 30, trials: 60},
      {successes: 40, trials: 100}
    ]);
    expect(fit.prior!.alpha + fit.prior!.beta).toBeCloseTo(11.407218421, 8);
    expect(fit.shrunk[0]).toBeCloseTo(0.607774959, 8);
    expect(fit.shrunk[1]).toBeCloseTo(0.655584774, 8);
    expect(fit.shrunk[0]!).toBeLessThan(fit.shrunk[1]!);
  });

  it("pools completely when the rates differ no more than chance", () => {
    // 5/10 and 6/10: μ = 0.55, Q = 10·0.05² · 2 = 0.05 < (k − 1)μ(1 − μ) = 0.2475 → τ² < 0
    const fit = empiricalBayes([
      {successes: 5, trials: 10},
      {successes: 6, trials: 10}
    ]);
    expect(fit.prior).toBeNull();
    expect(fit.shrunk).toEqual([0.55, 0.55]);
  });

  it("keeps raw rates when the spread is maximal", () => {
    // 0/10 and 10/10: μ = 0.5, Q = 10·0.25·2 = 5, τ² = (5 − 0.25)/(20 − 200/20) = 0.475 ≥ μ(1 − μ) → α + β = 0
    const fit = empiricalBayes([
      {successes: 0, trials: 10},
      {successes: 10, trials: 10}
    ]);
    expect(fit.prior).toEqual({alpha: 0, beta: 0});
    expect(fit.shrunk).toEqual([0, 1]);
  });

  it("returns nulls without any trial and the raw rate for a single group", () => {
    expect(empiricalBayes([{successes: 0, trials: 0}])).toEqual({mean: null, prior: null, shrunk: [null]});
    expect(empiricalBayes([])).toEqual({mean: null, prior: null, shrunk: []});
    expect(empiricalBayes([{successes: 3, trials: 4}])).toEqual({mean: 0.75, prior: null, shrunk: [0.75]});
  });

  it("gives every group the same shrunk rate, to the last bit, whatever order the groups come in", () => {
    // SQL returns grouped rows in no fixed order; the golden files of the rep pages compare exact numbers
    const groups = [
      {successes: 1, trials: 20},
      {successes: 63, trials: 231},
      {successes: 22, trials: 169},
      {successes: 13, trials: 33},
      {successes: 117, trials: 210},
      {successes: 39, trials: 127},
      {successes: 5, trials: 252}
    ];
    const key = (g: {successes: number; trials: number}) => `${g.successes}/${g.trials}`;
    const byGroup = (list: typeof groups) => {
      const fit = empiricalBayes(list);
      return new Map(list.map((g, i) => [key(g), fit.shrunk[i]]));
    };
    const expected = byGroup(groups);
    // all rotations and the reversal of each
    for (let r = 0; r < groups.length; r++) {
      const rotated = [...groups.slice(r), ...groups.slice(0, r)];
      for (const order of [rotated, [...rotated].reverse()]) {
        const got = byGroup(order);
        for (const g of groups) expect(Object.is(got.get(key(g)), expected.get(key(g)))).toBe(true);
      }
    }
  });

  it("rejects impossible counts", () => {
    expect(() => empiricalBayes([{successes: 3, trials: 2}])).toThrow("empiricalBayes requires 0 ≤ successes ≤ trials");
  });
});
