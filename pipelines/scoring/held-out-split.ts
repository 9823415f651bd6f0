import {Random} from "../stats/random.ts";

/** How the labelled rows were cut into training, validation and test parts. */
export type SplitKind = "time_ordered" | "random";

/** A three-way split of labelled rows (positions in a table), whole groups (an opportunity's cut-offs) together. */
export interface HeldOutSplit {
  kind: SplitKind;
  train: number[];
  validation: number[];
  test: number[];
  /** time-ordered: the first label time of the validation part and of the test part (epoch seconds) */
  validationEpoch: number | null;
  testEpoch: number | null;
  /** the group of each labelled row, 0 … groups − 1 */
  groupOf: Int32Array;
}

export interface SplitShares {
  /** share of the groups held out for the final test, the newest (default 0.2) */
  testShare: number;
  /** share of the groups held out to choose and calibrate the method, just before the test ones (default 0.2) */
  validationShare: number;
}

export function checkShares({testShare, validationShare}: SplitShares): void {
  if (!(testShare > 0 && validationShare > 0 && testShare + validationShare < 1))
    throw new RangeError(
      `testShare and validationShare must be positive and sum below 1, got ${testShare} and ${validationShare}`
    );
}

/**
 * Time-ordered split: `starts` are the first rows of the groups, in order of label time (`epoch` per row,
 * non-decreasing). The newest `testShare` of the groups are the test part, the `validationShare` before
 * them the validation part, the older ones train. The cuts are times, so groups labelled at the same
 * moment fall on the same side (the later one).
 *
 * @example
 * // five groups labelled at times 1 … 5, shares 0.2 and 0.2: train 1–3, validation 4, test 5
 * timeOrderedSplit(Float64Array.of(1, 2, 3, 4, 5), [0, 1, 2, 3, 4], {testShare: 0.2, validationShare: 0.2});
 */
export function timeOrderedSplit(epoch: Float64Array, starts: readonly number[], shares: SplitShares): HeldOutSplit {
  const rows = epoch.length;
  const groupOf = groupsOf(rows, starts);
  const cut = (share: number) =>
    starts.length ? epoch[starts[Math.min(starts.length - 1, Math.floor(starts.length * (1 - share)))]] : null;
  const testEpoch = cut(shares.testShare);
  const validationEpoch = cut(shares.testShare + shares.validationShare);
  const split: HeldOutSplit = {
    kind: "time_ordered",
    train: [],
    validation: [],
    test: [],
    validationEpoch,
    testEpoch,
    groupOf
  };
  for (let i = 0; i < rows; i++) {
    if (testEpoch === null || validationEpoch === null || epoch[i] < validationEpoch) split.train.push(i);
    else if (epoch[i] < testEpoch) split.validation.push(i);
    else split.test.push(i);
  }
  return split;
}

/**
 * Random split, for data without the dates a time order needs: the groups are shuffled by a seeded
 * Fisher–Yates shuffle (mulberry32), the first `testShare` of them are the test part, the next
 * `validationShare` the validation part, the rest train. Deterministic for a seed.
 */
export function randomSplit(rows: number, starts: readonly number[], shares: SplitShares, seed: number): HeldOutSplit {
  const groupOf = groupsOf(rows, starts);
  const order = new Random(seed).shuffle(starts.map((_, g) => g));
  const part = new Int8Array(starts.length);
  const nTest = Math.round(starts.length * shares.testShare);
  const nValidation = Math.round(starts.length * shares.validationShare);
  order.forEach((g, k) => (part[g] = k < nTest ? 2 : k < nTest + nValidation ? 1 : 0));
  const split: HeldOutSplit = {
    kind: "random",
    train: [],
    validation: [],
    test: [],
    validationEpoch: null,
    testEpoch: null,
    groupOf
  };
  for (let i = 0; i < rows; i++) [split.train, split.validation, split.test][part[groupOf[i]]].push(i);
  return split;
}

/** Each row's group: the number of group starts at or before it, less one. */
function groupsOf(rows: number, starts: readonly number[]): Int32Array {
  const groupOf = new Int32Array(rows);
  let g = -1;
  let next = 0;
  for (let i = 0; i < rows; i++) {
    while (next < starts.length && starts[next] <= i) {
      g++;
      next++;
    }
    groupOf[i] = Math.max(0, g);
  }
  return groupOf;
}
