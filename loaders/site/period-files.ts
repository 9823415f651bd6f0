/**
 * A page whose slices are many per period is written as several files, so a visitor loads one period
 * at a time: a head — the page data without its slices — and one part per period holding that period's
 * slices ("ytd|all", "ytd|team=华北" …). The page loads the head and the part of the period chosen.
 */
export interface PeriodPart<T> {
  slices: Record<string, T | string>;
}

/** The page data without its slices. */
export function periodHead<T extends {slices: object}>(data: T): Omit<T, "slices"> {
  const {slices: _slices, ...head} = data;
  return head;
}

/**
 * The slices of one period. A slice written as the key of an equal slice (shareEqualSlices) of another
 * period is written out in full, since that period's part may not be loaded.
 */
export function periodPart<T>(data: {slices: Record<string, T | string>}, period: string): PeriodPart<T> {
  const slices: Record<string, T | string> = {};
  for (const [key, slice] of Object.entries(data.slices)) {
    if (!key.startsWith(`${period}|`)) continue;
    slices[key] = typeof slice === "string" && !slice.startsWith(`${period}|`) ? data.slices[slice] : slice;
  }
  return {slices};
}

/** The periods the slices are for, in their order ("qtd", "lq" …). */
export function slicePeriods(data: {slices: object}): string[] {
  return [...new Set(Object.keys(data.slices).map((key) => key.split("|")[0]))];
}
