// the digits of src/components/cube-integers.js, which reads them back
const LAST = "#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNO";
const MORE = "QRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/**
 * Integers as text, about half the bytes of a JSON array of them: each zigzagged (0, -1, 1, -2 … as 0, 1, 2,
 * 3 …), then written in base 45, the last digit from another alphabet than the others so that no separator
 * is needed (0 to 22 take one character, to 1,012 two, to 45,562 three).
 *
 * @example encodeIntegers([-1, 90]) // "$U#"
 */
export function encodeIntegers(values: readonly number[]): string {
  let text = "";
  for (const value of values) {
    // zigzagged, a larger one would pass 2^53, past which doubles skip integers
    if (!Number.isInteger(value) || Math.abs(value) > 2 ** 52)
      throw new RangeError(`encodeIntegers requires integers of at most 2^52, not ${value}`);
    let n = value < 0 ? -2 * value - 1 : 2 * value;
    let digits = LAST[n % 45];
    for (n = Math.floor(n / 45); n > 0; n = Math.floor(n / 45)) digits = MORE[n % 45] + digits;
    text += digits;
  }
  return text;
}
