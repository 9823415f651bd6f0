/**
 * Slices with equal numbers written once: a slice equal to an earlier one is replaced by the earlier
 * one's key, which pickSlice follows (src/components/slices.js). Filter choices that select the same
 * opportunities — a region served by one team alone — otherwise repeat a whole slice.
 */
export function shareEqualSlices<T extends object>(slices: Record<string, T>): Record<string, T | string> {
  const firstKey = new Map<string, string>();
  const shared: Record<string, T | string> = {};
  for (const [key, slice] of Object.entries(slices)) {
    const json = JSON.stringify(slice);
    const earlier = firstKey.get(json);
    if (earlier === undefined) firstKey.set(json, key);
    shared[key] = earlier ?? slice;
  }
  return shared;
}
