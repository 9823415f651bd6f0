/**
 * A page whose slices are many per period is written as several files, so a visitor loads one period
 * at a time: a head — the page data without what is sliced by period — and one part per period holding
 * that period's slices ("ytd|all", "ytd|team=华北" …): those of `slices` and of every other field sliced
 * by period (`{slices: {"ytd|*": …}}`). The page loads the head and the part of the period chosen.
 */
type Slices = Record<string, unknown>;

/** The fields of `data` sliced by period: `slices`, and any `{slices}` field keyed by a period (not "*|…"). */
function periodFields(data: object): string[] {
  return Object.entries(data)
    .filter(([field, value]) => {
      const slices = field === "slices" ? value : (value as {slices?: unknown} | null)?.slices;
      if (slices === null || typeof slices !== "object") return false;
      const keys = Object.keys(slices);
      return field === "slices" || (keys.length > 0 && keys.every((key) => key.includes("|") && !key.startsWith("*|")));
    })
    .map(([field]) => field);
}

/** The page data without what is sliced by period. */
export function periodHead(data: object): Record<string, unknown> {
  const fields = new Set(periodFields(data));
  return Object.fromEntries(Object.entries(data).filter(([field]) => !fields.has(field)));
}

/**
 * The slices of one period, under the fields they came from (`slices`, or `<field>.slices`). A slice written
 * as the key of an equal slice (shareEqualSlices) of another period is written out in full, since that
 * period's part may not be loaded.
 */
export function periodPart(data: object, period: string): Record<string, unknown> {
  const pick = (slices: Slices) => {
    const picked: Slices = {};
    for (const [key, slice] of Object.entries(slices)) {
      if (!key.startsWith(`${period}|`)) continue;
      picked[key] = typeof slice === "string" && !slice.startsWith(`${period}|`) ? slices[slice] : slice;
    }
    return picked;
  };
  const record = data as Record<string, unknown>;
  return Object.fromEntries(
    periodFields(data).map((field) =>
      field === "slices"
        ? [field, pick(record.slices as Slices)]
        : [field, {slices: pick((record[field] as {slices: Slices}).slices)}]
    )
  );
}

/** The periods the slices are for, in their order ("qtd", "lq" …). */
export function slicePeriods(data: {slices: object}): string[] {
  return [...new Set(Object.keys(data.slices).map((key) => key.split("|")[0]))];
}
