/** A left margin wide enough for the longest label: CJK characters take about twice a latin letter's width. */
export function labelMargin(labels, {min = 40, max = 180} = {}) {
  const widths = labels.map((label) => [...String(label)].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 13 : 7), 0));
  return Math.min(max, Math.max(min, 12 + Math.max(0, ...widths)));
}
