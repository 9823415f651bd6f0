/** A 95 % interval in words: "33.2%–76.9%"; an em dash without one. */
export function intervalText(lower, upper, fmt) {
  return lower === null || lower === undefined ? "—" : `${fmt.percent(lower)}–${fmt.percent(upper)}`;
}

/** A rate with its 95 % interval in words: "56.3% (33.2–76.9%)"; an em dash without a rate. */
export function rateIntervalText(rate, lower, upper, fmt) {
  if (rate === null || rate === undefined) return "—";
  if (lower === null || lower === undefined) return fmt.percent(rate);
  return `${fmt.percent(rate)} (${fmt.decimal(1)(lower * 100)}–${fmt.percent(upper)})`;
}
