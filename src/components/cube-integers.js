/**
 * The digits of integers written as text (site/pages/cube-integers.ts writes them): base 45, most
 * significant first, every digit but an integer's last from `MORE`, its last from `LAST`, so the text needs
 * no separator. Integers are zigzagged first (0, -1, 1, -2 … as 0, 1, 2, 3 …). None of the 90 characters
 * needs escaping in JSON.
 */
const LAST = "#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNO";
const MORE = "QRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

const DIGITS = new Int8Array(128).fill(-1);
for (let d = 0; d < 45; d++) {
  DIGITS[LAST.charCodeAt(d)] = d;
  DIGITS[MORE.charCodeAt(d)] = 45 + d;
}

/**
 * The integers a text of cube digits holds, in order.
 *
 * @example decodeIntegers("$U#") // [-1, 90]
 */
export function decodeIntegers(text) {
  const values = [];
  let n = 0;
  let open = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? DIGITS[code] : -1;
    if (digit < 0) throw new RangeError(`decodeIntegers reads cube digits, not ${JSON.stringify(text[i])}`);
    open = digit >= 45;
    if (open) {
      n = n * 45 + digit - 45;
      continue;
    }
    n = n * 45 + digit;
    values.push(n % 2 === 1 ? -(n + 1) / 2 : n / 2);
    n = 0;
  }
  if (open) throw new RangeError("decodeIntegers requires whole integers: the text ends inside one");
  return values;
}
