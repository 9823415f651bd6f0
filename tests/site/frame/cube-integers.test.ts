import {describe, expect, it} from "vitest";
import {encodeIntegers} from "../../../site/pages/cube-integers.ts";
import {decodeIntegers} from "../../../src/components/cube-integers.js";

describe("encodeIntegers(values) and decodeIntegers(text)", () => {
  it("writes each integer zigzagged in base 45, its last digit from the second alphabet", () => {
    // -1 → 1: "$"; 90 → 180 = 4 × 45 + 0: "U" then "#"; 0 → "#"; 22 → 44: "O"; 23 → 46 = 1 × 45 + 1: "R$"
    expect(encodeIntegers([-1, 90, 0, 22, 23])).toBe("$U#" + "#" + "O" + "R$");
    expect(decodeIntegers("$U##OR$")).toEqual([-1, 90, 0, 22, 23]);
    expect(encodeIntegers([])).toBe("");
    expect(decodeIntegers("")).toEqual([]);
  });

  it("reads back what it wrote, to 2^52 either side", () => {
    const values = [0, 1, -1, 1012, 1013, -45562, 45563, 123_456_789_012_345, -(2 ** 52), 2 ** 52];
    expect(decodeIntegers(encodeIntegers(values))).toEqual(values);
  });

  it("refuses fractions, integers past 2^52, text it did not write and text cut inside an integer", () => {
    expect(() => encodeIntegers([0.5])).toThrow("encodeIntegers requires integers of at most 2^52, not 0.5");
    expect(() => encodeIntegers([2 ** 52 + 2])).toThrow("not 4503599627370498");
    expect(() => decodeIntegers("1 2")).toThrow('decodeIntegers reads cube digits, not " "');
    expect(() => decodeIntegers("#U")).toThrow("decodeIntegers requires whole integers: the text ends inside one");
  });
});
