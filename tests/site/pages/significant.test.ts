import {describe, expect, it} from "vitest";
import {significant, significantFigures} from "../../../site/significant.ts";

describe("significant(value) and significantFigures(row)", () => {
  it("keeps four significant digits", () => {
    expect(significant(0.428571)).toBe(0.4286);
    expect(significant(0.0686391)).toBe(0.06864);
    expect(significant(82.9412)).toBe(82.94);
    expect(significant(null)).toBeNull();
  });

  it("rounds a row's amounts to whole units and its other fractions to four significant digits", () => {
    expect(significantFigures({won_amount: 11734000.6, win_rate: 0.428571, n_won: 36, segment: "广东"})).toEqual({
      won_amount: 11734001,
      win_rate: 0.4286,
      n_won: 36,
      segment: "广东"
    });
  });
});
