/** A plain aligned text table, numbers right-aligned, for terminals. */
export function formatTable(columns: string[], rows: unknown[][]): string {
  const cells = rows.map((row) => row.map((value) => (value === null || value === undefined ? "" : String(value))));
  const numeric = columns.map(
    (_, i) =>
      rows.length > 0 &&
      rows.every((row) => row[i] === null || typeof row[i] === "number" || /^-?\d+(\.\d+)?$/.test(String(row[i])))
  );
  const widths = columns.map((c, i) => Math.max(width(c), ...cells.map((row) => width(row[i]))));
  const pad = (text: string, i: number) => {
    const fill = " ".repeat(widths[i] - width(text));
    return numeric[i] ? fill + text : text + fill;
  };
  const lines = [
    columns.map(pad).join("  "),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...cells.map((row) => row.map(pad).join("  "))
  ];
  lines.push(`(${rows.length} row${rows.length === 1 ? "" : "s"})`);
  return lines.join("\n");
}

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let w = 0;
  for (const char of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char)
      ? 2
      : 1;
  return w;
}
