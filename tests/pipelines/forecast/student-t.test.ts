import {describe, expect, it} from "vitest";
import {regularizedIncompleteBeta, studentTCdf, studentTQuantile} from "../../../pipelines/forecast/student-t.ts";

describe("studentTQuantile(p, df)", () => {
  // R: options(digits = 16); qt(p, df)
  const cases: [number, number, number][] = [
    [0.975, 10, 2.228138851986274],
    [0.9, 3, 1.637744353696209],
    [0.975, 1, 12.706204736174694],
    [0.9, 1, 3.077683537175254],
    [0.975, 2, 4.302652729749462],
    [0.995, 5, 4.032142983555229],
    [0.9, 21, 1.323187873865172],
    [0.975, 13, 2.160368656462792],
    [0.975, 1000, 1.962339080826408],
    [0.025, 7, -2.364624251592784]
  ];
  it.each(cases)("matches R's qt(%s, %s)", (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 11);
  });

  it("is 0 at the median and symmetric", () => {
    expect(studentTQuantile(0.5, 4)).toBe(0);
    expect(studentTQuantile(0.1, 6)).toBeCloseTo(-studentTQuantile(0.9, 6), 14);
  });

  it("approaches the normal quantile as df grows", () => {
    // scipy.stats.norm.ppf(0.975) = 1.959963984540054; R: qt(0.975, 1e6) = 1.959966923...
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959963984540054, 5);
  });

  it("rejects p outside (0, 1) and df ≤ 0", () => {
    expect(() => studentTQuantile(1, 5)).toThrow("studentTQuantile requires 0 < p < 1");
    expect(() => studentTQuantile(0.9, 0)).toThrow("studentTQuantile requires df > 0");
  });
});

describe("studentTCdf(t, df) and regularizedIncompleteBeta(x, a, b)", () => {
  it("matches R's pt and pbeta", () => {
    // R: pt(1.5, 4) = 0.896 (by hand: ½ + t(t² + 6) / (2(t² + 4)^1.5) = ½ + 12.375 / 31.25); pt(-2, 10) = 0.0366940173853702
    expect(studentTCdf(1.5, 4)).toBeCloseTo(0.896, 13);
    expect(studentTCdf(-2, 10)).toBeCloseTo(0.0366940173853, 12);
    // R: pbeta(0.5, 2, 3) = 0.6875 (by hand: 1 − (1 − x)⁴ − 4x(1 − x)³ at x = ½ → 1 − 1/16 − 4/16 = 11/16)
    expect(regularizedIncompleteBeta(0.5, 2, 3)).toBeCloseTo(0.6875, 14);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});
