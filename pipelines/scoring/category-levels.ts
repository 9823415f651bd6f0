/** The pooled level every rare or unseen level of a category is counted as. */
export const OTHER_LEVEL = "(other)";
/** The level of a row whose category is unknown (kept apart unless rare, then pooled too). */
export const UNKNOWN_LEVEL = "(unknown)";

/**
 * The levels of a text category to keep, fitted on the training rows: OTHER_LEVEL first, then, sorted, every
 * value of at least `minLevelCount` training rows (a missing value counts as UNKNOWN_LEVEL). Every other value,
 * and every value unseen in training, is encoded as OTHER_LEVEL.
 */
export function keptLevels(
  values: readonly (string | null)[],
  train: readonly number[],
  minLevelCount: number
): string[] {
  const counts = new Map<string, number>();
  for (const i of train) {
    const value = values[i] ?? UNKNOWN_LEVEL;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const kept = [...counts].filter(([, n]) => n >= minLevelCount).map(([value]) => value);
  return [OTHER_LEVEL, ...kept.sort()];
}

/** Each row's index into `levels` (keptLevels): 0, OTHER_LEVEL, for a value not kept. */
export function levelIndexes(
  levels: readonly string[],
  values: readonly (string | null)[],
  rows: readonly number[]
): Int32Array {
  const index = new Map(levels.map((level, k) => [level, k]));
  return Int32Array.from(rows, (i) => index.get(values[i] ?? UNKNOWN_LEVEL) ?? 0);
}
