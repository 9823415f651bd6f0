import {describe, expect, it} from "vitest";
import {mixSeed, Random} from "../../pipelines/stats/random.ts";

describe("Random(seed)", () => {
  it("repeats the same sequence for the same seed and stays in [0, 1)", () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({length: 10_000}, () => a.next());
    expect(xs).toEqual(Array.from({length: 10_000}, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.02);
  });

  it("gives different streams to different seeds", () => {
    const a = new Random(1);
    const b = new Random(2);
    const same = Array.from({length: 100}, () => a.next() === b.next()).filter(Boolean);
    expect(same).toHaveLength(0);
  });
});

describe("mixSeed(...parts)", () => {
  it("separates streams by every part, including indexes above 2^32", () => {
    const seeds = new Set([mixSeed(42, 1, 0), mixSeed(42, 1, 1), mixSeed(42, 2, 0), mixSeed(43, 1, 0)]);
    expect(seeds.size).toBe(4);
    expect(mixSeed(42, 2 ** 40)).not.toBe(mixSeed(42, 2 ** 40 + 2 ** 32));
    expect(mixSeed(42, 5)).toBe(mixSeed(42, 5));
  });
});
