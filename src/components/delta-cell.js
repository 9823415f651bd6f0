/**
 * A table cell for a signed change (a ratio, points, an amount): its text after ▲ or ▼, coloured by
 * direction with colours told apart under colour blindness; the sign carries the meaning without colour.
 *
 * @example format: {roi: deltaCell(fmt.signedPercent)}
 */
export function deltaCell(format) {
  return (x) => {
    const span = document.createElement("span");
    const direction = x > 0 ? "up" : x < 0 ? "down" : "";
    span.className = `delta ${direction}`;
    span.textContent = `${direction === "up" ? "▲ " : direction === "down" ? "▼ " : ""}${format(x)}`;
    return span;
  };
}
