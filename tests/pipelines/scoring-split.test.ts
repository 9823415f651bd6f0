import {describe, expect, it} from "vitest";
import {randomSplit, timeOrderedSplit} from "../../pipelines/scoring/held-out-split.ts";

const SHARES = {testShare: 0.2, validationShare: 0.2};

describe("timeOrderedSplit(epoch, starts, shares)", () => {
  it("trains on the oldest groups, validates on the next and tests on the newest", () => {
    // five groups of rows (0–1 at time 1, 2 at 2, 3–4 at 3, 5 at 4, 6–7 at 5): validation from group ⌊5 × 0.6⌋ = 3,
    // test from group ⌊5 × 0.8⌋ = 4
    const split = timeOrderedSplit(Float64Array.of(1, 1, 2, 3, 3, 4, 5, 5), [0, 2, 3, 5, 6], SHARES);
    expect([split.train, split.validation, split.test]).toEqual([[0, 1, 2, 3, 4], [5], [6, 7]]);
    expect([split.validationEpoch, split.testEpoch]).toEqual([4, 5]);
    expect([...split.groupOf]).toEqual([0, 0, 1, 2, 2, 3, 4, 4]);
  });

  it("keeps groups closed at the same moment on the same side", () => {
    // groups 3 and 4 both close at 4: the test cut (time 4) takes both
    const split = timeOrderedSplit(Float64Array.of(1, 2, 3, 4, 4), [0, 1, 2, 3, 4], SHARES);
    expect([split.train, split.validation, split.test]).toEqual([[0, 1, 2], [], [3, 4]]);
  });
});

describe("randomSplit(rows, starts, shares, seed)", () => {
  it("assigns whole groups by a seeded shuffle, the same for the same seed", () => {
    const starts = Array.from({length: 10}, (_, g) => g * 2);
    const split = randomSplit(20, starts, SHARES, 7);
    expect(split.kind).toBe("random");
    // 2 test groups, 2 validation groups, 6 training groups, each of two rows
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([12, 4, 4]);
    for (const part of [split.train, split.validation, split.test])
      for (const i of part) expect(part).toContain(i % 2 === 0 ? i + 1 : i - 1);
    expect(randomSplit(20, starts, SHARES, 7)).toEqual(split);
    expect(randomSplit(20, starts, SHARES, 8).test).not.toEqual(split.test);
  });
});
