import {describe, expect, it} from "vitest";
import {bootstrapIntervals, percentileInterval} from "../../pipelines/scoring/bootstrap-intervals.ts";
import {heldOutMetrics, NORMAL_FROM, BOOTSTRAP_SEED} from "../../pipelines/scoring/held-out-metrics.ts";
import {normalIntervals} from "../../pipelines/scoring/normal-intervals.ts";
import {applyIsotonic, fitIsotonic} from "../../pipelines/scoring/isotonic-calibration.ts";
import {applyPlatt, fitPlatt} from "../../pipelines/scoring/platt-scaling.ts";

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe("fitPlatt(scored)", () => {
  it("fits Platt's smoothed targets on a two-group case", () => {
    // log-odds −1: one won of four; +1: three won of four. Targets (4 + 1)/(4 + 2) = 5/6 and 1/(4 + 2) = 1/6
    // give group means (5/6 + 3/6)/4 = 1/3 and (15/6 + 1/6)/4 = 2/3, which the fit meets exactly:
    // sigmoid(−a + b) = 1/3 and sigmoid(a + b) = 2/3 → b = 0, a = ln 2
    const low = sigmoid(-1);
    const high = sigmoid(1);
    const platt = fitPlatt({predicted: [low, low, low, low, high, high, high, high], actual: [1, 0, 0, 0, 1, 1, 1, 0]});
    expect(platt.slope).toBeCloseTo(Math.LN2, 9);
    expect(platt.intercept).toBeCloseTo(0, 9);
    expect(applyPlatt(platt, high)).toBeCloseTo(2 / 3, 9);
    // a score of 0.5 has log-odds 0: sigmoid(0) = 0.5
    expect(applyPlatt(platt, 0.5)).toBeCloseTo(0.5, 9);
  });

  it("stays finite when the score separates the classes", () => {
    const platt = fitPlatt({predicted: [0.1, 0.2, 0.8, 0.9], actual: [0, 0, 1, 1]});
    expect(Number.isFinite(platt.slope) && Number.isFinite(platt.intercept)).toBe(true);
    // at the optimum the intercept's gradient is 0: the calibrated mean equals the targets' mean,
    // (3/4 + 3/4 + 1/4 + 1/4) / 4 = 1/2
    const mean = [0.1, 0.2, 0.8, 0.9].reduce((sum, p) => sum + applyPlatt(platt, p), 0) / 4;
    expect(mean).toBeCloseTo(0.5, 9);
    expect(applyPlatt(platt, 0.9)).toBeLessThan(1);
  });
});

describe("fitIsotonic(scored)", () => {
  it("pools adjacent violators and interpolates between block ends", () => {
    // outcomes 0, 1, 0, 1: the 1 then 0 violate, pooled to 0.5 over scores 0.2 … 0.3
    const fit = fitIsotonic({predicted: [0.3, 0.1, 0.4, 0.2], actual: [0, 0, 1, 1]});
    expect(fit).toEqual({thresholds: [0.1, 0.2, 0.3, 0.4], values: [0, 0.5, 0.5, 1]});
    expect(applyIsotonic(fit, 0.15)).toBeCloseTo(0.25, 12);
    expect(applyIsotonic(fit, 0.25)).toBeCloseTo(0.5, 12);
    expect(applyIsotonic(fit, 0.35)).toBeCloseTo(0.75, 12);
    expect([applyIsotonic(fit, 0.01), applyIsotonic(fit, 0.99)]).toEqual([0, 1]);
  });

  it("averages tied scores before pooling", () => {
    // 0.2 ×2 → 1/2, 0.5 → 0, 0.7 ×2 → 1; 1/2 > 0 pools three rows to 1/3
    const fit = fitIsotonic({predicted: [0.2, 0.2, 0.5, 0.7, 0.7], actual: [1, 0, 0, 1, 1]});
    expect(fit.thresholds).toEqual([0.2, 0.5, 0.7]);
    expect(fit.values[0]).toBeCloseTo(1 / 3, 15);
    expect(fit.values[1]).toBeCloseTo(1 / 3, 15);
    expect(fit.values[2]).toBe(1);
  });
});

/** mulberry32 as published (Tommy Ettinger, 2017), written out here apart from the product's. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("percentileInterval(values)", () => {
  it("interpolates the 2.5th and 97.5th percentiles like numpy", () => {
    // numpy.percentile([1, 2, 3, 4, 5], [2.5, 97.5]) = [1.1, 4.9]
    const interval = percentileInterval([5, 3, 1, 2, 4])!;
    expect(interval.lower).toBeCloseTo(1.1, 12);
    expect(interval.upper).toBeCloseTo(4.9, 12);
    expect(percentileInterval([])).toBeNull();
  });
});

describe("bootstrapIntervals(scored, options)", () => {
  const scored = {predicted: [0.1, 0.4, 0.35, 0.8, 0.6, 0.3], actual: [0, 0, 1, 1, 1, 0]};

  it("matches a resample drawn by hand from the same seeded stream", () => {
    const uniform = mulberry32(42);
    const aucs: number[] = [];
    const briers: number[] = [];
    for (let r = 0; r < 200; r++) {
      const rows = scored.predicted.map(() => Math.floor(uniform() * 6));
      const won = rows.filter((i) => scored.actual[i] === 1);
      const lost = rows.filter((i) => scored.actual[i] === 0);
      briers.push(rows.reduce((sum, i) => sum + (scored.predicted[i] - scored.actual[i]) ** 2, 0) / 6);
      if (!won.length || !lost.length) continue;
      let pairs = 0;
      for (const w of won)
        for (const l of lost)
          pairs +=
            scored.predicted[w] > scored.predicted[l] ? 1 : scored.predicted[w] === scored.predicted[l] ? 0.5 : 0;
      aucs.push(pairs / (won.length * lost.length));
    }
    const quantile = (values: number[], q: number) => {
      const s = [...values].sort((a, b) => a - b);
      const h = q * (s.length - 1);
      return s[Math.floor(h)] + (h - Math.floor(h)) * (s[Math.ceil(h)] - s[Math.floor(h)]);
    };
    const result = bootstrapIntervals(scored, {seed: 42, resamples: 200});
    expect(result.auc!.lower).toBeCloseTo(quantile(aucs, 0.025), 12);
    expect(result.auc!.upper).toBeCloseTo(quantile(aucs, 0.975), 12);
    expect(result.brier_score!.lower).toBeCloseTo(quantile(briers, 0.025), 12);
    expect(result.brier_score!.upper).toBeCloseTo(quantile(briers, 0.975), 12);
  });

  it("gives, with ties and clusters, the AUC of each resample counted pair by pair, to the last bit", () => {
    // 240 rows with scores on a grid of 0.05 (many ties), in clusters of 1 to 3 rows
    const uniform = mulberry32(9);
    const predicted = Array.from({length: 240}, () => Math.round(uniform() * 20) / 20);
    const actual = predicted.map((p) => (uniform() < p ? 1 : 0));
    const clusters = predicted.map((_, i) => Math.floor(i / (1 + (i % 3))));
    const members = new Map<number, number[]>();
    clusters.forEach((c, i) => members.set(c, [...(members.get(c) ?? []), i]));
    const groups = [...members.values()];
    const draws = mulberry32(5);
    const aucs: number[] = [];
    const briers: number[] = [];
    for (let r = 0; r < 60; r++) {
      const rows = groups.flatMap(() => groups[Math.floor(draws() * groups.length)]);
      briers.push(rows.reduce((sum, i) => sum + (predicted[i] - actual[i]) ** 2, 0) / rows.length);
      const won = rows.filter((i) => actual[i] === 1);
      const lost = rows.filter((i) => actual[i] === 0);
      let pairs = 0;
      for (const w of won)
        for (const l of lost) pairs += predicted[w] > predicted[l] ? 1 : predicted[w] === predicted[l] ? 0.5 : 0;
      aucs.push(pairs / (won.length * lost.length));
    }
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const at = (values: number[], q: number) => {
      const s = sorted(values);
      const h = q * (s.length - 1);
      return s[Math.floor(h)] + (h - Math.floor(h)) * (s[Math.ceil(h)] - s[Math.floor(h)]);
    };
    const result = bootstrapIntervals({predicted, actual}, {clusters, seed: 5, resamples: 60});
    expect(result.auc).toEqual({lower: at(aucs, 0.025), upper: at(aucs, 0.975)});
    expect(result.brier_score).toEqual({lower: at(briers, 0.025), upper: at(briers, 0.975)});
  });

  it("draws a cluster's rows together", () => {
    // two clusters, each with one won and one lost row ranked the same way: every resample has AUC 1
    const clustered = {predicted: [0.2, 0.7, 0.1, 0.9], actual: [0, 1, 0, 1]};
    const result = bootstrapIntervals(clustered, {clusters: [0, 0, 1, 1], seed: 3, resamples: 50});
    expect(result.auc).toEqual({lower: 1, upper: 1});
    // cluster Brier scores (0.04 + 0.09)/2 = 0.065 and (0.01 + 0.01)/2 = 0.01: every resample lies between
    expect(result.brier_score!.lower).toBeGreaterThanOrEqual(0.01 - 1e-15);
    expect(result.brier_score!.upper).toBeLessThanOrEqual(0.065 + 1e-15);
  });
});

describe("normalIntervals(scored, clusters)", () => {
  it("gives ±1.96 standard errors of Obuchowski's clustered AUC variance and the clustered Brier variance", () => {
    // 240 rows on a grid of 0.05 (many ties), in clusters of 1 to 3 rows; every figure counted pair by pair
    const uniform = mulberry32(9);
    const predicted = Array.from({length: 240}, () => Math.round(uniform() * 20) / 20);
    const actual = predicted.map((p) => (uniform() < p ? 1 : 0));
    const clusters = predicted.map((_, i) => Math.floor(i / (1 + (i % 3))));
    const rows = predicted.map((_, i) => i);
    const won = rows.filter((i) => actual[i] === 1);
    const lost = rows.filter((i) => actual[i] === 0);
    const psi = (w: number, l: number) => (predicted[w] > predicted[l] ? 1 : predicted[w] === predicted[l] ? 0.5 : 0);
    const v10 = new Map(won.map((w) => [w, lost.reduce((sum, l) => sum + psi(w, l), 0) / lost.length]));
    const v01 = new Map(lost.map((l) => [l, won.reduce((sum, w) => sum + psi(w, l), 0) / won.length]));
    const theta = [...v10.values()].reduce((a, b) => a + b, 0) / won.length;
    const M = won.length;
    const N = lost.length;
    const ids = [...new Set(clusters)];
    const I = ids.length;
    const of = (id: number) => rows.filter((i) => clusters[i] === id);
    // Obuchowski (1997), eqs. for S10, S01, S11 and var = S10/M + S01/N + 2 S11/(M N)
    let S10 = 0;
    let S01 = 0;
    let S11 = 0;
    let E = 0;
    const brier = rows.reduce((sum, i) => sum + (predicted[i] - actual[i]) ** 2, 0) / rows.length;
    for (const id of ids) {
      const members = of(id);
      const m = members.filter((i) => actual[i] === 1);
      const n = members.filter((i) => actual[i] === 0);
      const a = m.reduce((sum, i) => sum + v10.get(i)!, 0) - m.length * theta;
      const b = n.reduce((sum, i) => sum + v01.get(i)!, 0) - n.length * theta;
      S10 += a * a;
      S01 += b * b;
      S11 += a * b;
      E += (members.reduce((sum, i) => sum + (predicted[i] - actual[i]) ** 2, 0) - members.length * brier) ** 2;
    }
    S10 *= I / ((I - 1) * M);
    S01 *= I / ((I - 1) * N);
    S11 *= I / (I - 1);
    const se = Math.sqrt(S10 / M + S01 / N + (2 * S11) / (M * N));
    const brierSe = Math.sqrt((I / (I - 1)) * E) / rows.length;
    const result = normalIntervals({predicted, actual}, clusters);
    expect(result.auc!.lower).toBeCloseTo(theta - 1.959964 * se, 6);
    expect(result.auc!.upper).toBeCloseTo(theta + 1.959964 * se, 6);
    expect(result.brier_score!.lower).toBeCloseTo(brier - 1.959964 * brierSe, 6);
    expect(result.brier_score!.upper).toBeCloseTo(brier + 1.959964 * brierSe, 6);
  });

  describe("on 4,000 rows", () => {
    // scores uniform, each row won with probability its score (a true AUC near 0.83)
    const uniform = mulberry32(21);
    const predicted = Array.from({length: 4000}, () => uniform());
    const actual = predicted.map((p) => (uniform() < p ? 1 : 0));
    const close = (a: {lower: number; upper: number}, b: {lower: number; upper: number}) => {
      // 400 resamples put each percentile within about 5 % of the width of its value: allow 25 %
      const width = b.upper - b.lower;
      expect(Math.abs(a.lower - b.lower)).toBeLessThan(0.25 * width);
      expect(Math.abs(a.upper - b.upper)).toBeLessThan(0.25 * width);
    };

    it("gives the drawn bootstrap's intervals up to its Monte Carlo error", () => {
      const normal = normalIntervals({predicted, actual});
      const drawn = bootstrapIntervals({predicted, actual}, {resamples: 400, seed: 3});
      close(normal.auc!, drawn.auc!);
      close(normal.brier_score!, drawn.brier_score!);
    });

    it("is as wide as the AUC's standard error says (Hanley & McNeil 1982)", () => {
      const {auc: interval} = normalIntervals({predicted, actual});
      const won = actual.filter((y) => y === 1).length;
      const lost = actual.length - won;
      let pairs = 0;
      const wonScores = predicted.filter((_, i) => actual[i] === 1).sort((a, b) => a - b);
      for (const [i, p] of predicted.entries()) {
        if (actual[i] === 1) continue;
        // won rows scored above this lost one
        let lo = 0;
        let hi = wonScores.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (wonScores[mid] <= p) lo = mid + 1;
          else hi = mid;
        }
        pairs += wonScores.length - lo;
      }
      const a = pairs / (won * lost);
      const q1 = a / (2 - a);
      const q2 = (2 * a * a) / (1 + a);
      const se = Math.sqrt((a * (1 - a) + (won - 1) * (q1 - a * a) + (lost - 1) * (q2 - a * a)) / (won * lost));
      expect((interval!.lower + interval!.upper) / 2).toBeCloseTo(a, 12);
      const ratio = (interval!.upper - interval!.lower) / (2 * 1.959964 * se);
      expect(ratio).toBeGreaterThan(0.9);
      expect(ratio).toBeLessThan(1.1);
    });

    it("counts a cluster's rows together", () => {
      // every row twice, the copies one cluster: as wide as the rows once, √2 wider than the copies alone
      const twice = {predicted: predicted.flatMap((p) => [p, p]), actual: actual.flatMap((y) => [y, y])};
      const clusters = twice.predicted.map((_, i) => i >> 1);
      const together = normalIntervals(twice, clusters);
      const once = normalIntervals({predicted, actual});
      const alone = normalIntervals(twice);
      const width = (interval: {lower: number; upper: number} | null) => interval!.upper - interval!.lower;
      expect(width(together.auc)).toBeCloseTo(width(once.auc), 6);
      expect(width(together.brier_score)).toBeCloseTo(width(once.brier_score), 6);
      expect(width(together.auc) / width(alone.auc)).toBeCloseTo(Math.SQRT2, 2);
      const drawn = bootstrapIntervals(twice, {resamples: 400, seed: 3, clusters});
      close(together.auc!, drawn.auc!);
      close(together.brier_score!, drawn.brier_score!);
    });
  });

  it("has no AUC interval with one class, and none at all without rows", () => {
    expect(normalIntervals({predicted: [0.2, 0.4, 0.9], actual: [1, 1, 1]}).auc).toBeNull();
    expect(normalIntervals({predicted: [0.2, 0.4, 0.9], actual: [1, 1, 1]}).brier_score).not.toBeNull();
    expect(normalIntervals({predicted: [], actual: []})).toEqual({auc: null, brier_score: null});
  });
});

describe("heldOutMetrics(predicted, actual, clusters)", () => {
  const parts = (n: number) => {
    const uniform = mulberry32(77);
    const predicted = Array.from({length: n}, () => uniform());
    const actual = predicted.map((p) => (uniform() < p ? 1 : 0));
    return {predicted, actual, clusters: predicted.map((_, i) => i)};
  };

  it("takes the normal approximation's intervals from NORMAL_FROM groups on, the bootstrap's below", () => {
    const large = parts(NORMAL_FROM);
    const normal = normalIntervals(large, large.clusters);
    expect(heldOutMetrics(large.predicted, large.actual, large.clusters)).toMatchObject({
      auc_lower: normal.auc!.lower,
      brier_score_upper: normal.brier_score!.upper
    });
    const small = parts(2_000);
    const drawn = bootstrapIntervals(small, {clusters: small.clusters, seed: BOOTSTRAP_SEED, resamples: 1000});
    expect(heldOutMetrics(small.predicted, small.actual, small.clusters)).toMatchObject({
      auc_lower: drawn.auc!.lower,
      brier_score_upper: drawn.brier_score!.upper
    });
  });
});
