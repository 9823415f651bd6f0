/**
 * Rows as CSV text (RFC 4180, CRLF) with a header line. A text cell starting with =, +, -, @, tab or
 * carriage return is prefixed with an apostrophe so a spreadsheet shows it instead of running it as a
 * formula; numbers are written as numbers (a negative amount stays a number).
 */
export function toCsv(rows, columns, header = {}) {
  const lines = [columns.map((c) => quote(header[c] ?? c))];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c])));
  return lines.map((cells) => cells.join(",")).join("\r\n") + "\r\n";
}

function cell(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean")
    return Number.isFinite(value) || typeof value === "boolean" ? String(value) : "";
  if (Array.isArray(value)) return quote(neutralise(value.join("; ")));
  return quote(neutralise(String(value)));
}

export function neutralise(text) {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(text) {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
