/** The amount before conversion, which a row carries only where it was in a currency other than the reporting one. */
export const ORIGINAL_COLUMNS = ["amount_original", "currency_original"];

/**
 * Rows as CSV text (RFC 4180, CRLF) with a header line. A text cell starting with =, +, -, @, tab or
 * carriage return is prefixed with an apostrophe so a spreadsheet shows it instead of running it as a
 * formula; numbers are written as numbers (a negative amount stays a number).
 *
 * When a row carries its amount before conversion (amount_original, currency_original), the two columns
 * follow `amount` (or end the line), and every other row repeats its `amount` there in `currency`, the
 * reporting currency: each line then holds both amounts.
 *
 * @param {Record<string, any>[]} rows
 * @param {string[]} columns
 * @param {Record<string, string>} [header]
 * @param {{currency?: string | null}} [options]
 */
export function toCsv(rows, columns, header = {}, {currency = null} = {}) {
  if (rows.some((row) => row.amount_original != null)) {
    const at = columns.includes("amount") ? columns.indexOf("amount") + 1 : columns.length;
    columns = [...columns.slice(0, at), ...ORIGINAL_COLUMNS, ...columns.slice(at)];
    rows = rows.map((row) =>
      row.amount_original != null
        ? row
        : {...row, amount_original: row.amount, currency_original: row.amount == null ? null : currency}
    );
  }
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
