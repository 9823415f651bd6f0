/** "2024-03-31T23:00:00Z" → "2024-03-31 23:00 UTC"; an em dash when missing. */
export function formatUtc(iso) {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : "—";
}

/** "2024-03-31T23:00:00Z" → "2024-03-31"; an em dash when missing. */
export function formatDay(iso) {
  return iso ? iso.slice(0, 10) : "—";
}

const integer = new Intl.NumberFormat("en-US", {maximumFractionDigits: 0});

export function formatCount(n) {
  return integer.format(n);
}
