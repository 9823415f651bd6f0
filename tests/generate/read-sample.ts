/** Test helpers: read a generated file (GBK or UTF-8) and parse it with a deliberately simple CSV parser. */
import {readFileSync} from "node:fs";
import {join} from "node:path";
import iconv from "iconv-lite";

export const GBK = new Set(["opportunities.csv", "leads.csv", "accounts.csv", "activities.csv"]);

export function readText(dir: string, file: string): string {
  const bytes = readFileSync(join(dir, file));
  return GBK.has(file) ? iconv.decode(bytes, "gbk") : bytes.toString("utf8");
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export type Row = Record<string, string>;

export function readRows(dir: string, file: string): Row[] {
  const [header, ...rows] = parseCsv(readText(dir, file));
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""])));
}

/** Naive Shanghai time `2024-01-05 13:45:00` → epoch ms (NaN when invalid). */
export function shanghaiMs(stamp: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(stamp);
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return NaN;
  return Date.UTC(y, mo - 1, d, h - 8, mi, s);
}
