import fc from "fast-check";
import iconv from "iconv-lite";

/** Cell values for one column: valid ones and the usual ways exports get them wrong. */
const DATES = ["2024-01-05", "2024/1/5", "2024-01-05 10:00:00", "2024-01-05T10:00:00+08:00", "45292", "2024年1月5日"];
const BAD_DATES = ["05/01/2024", "1899-12-31", "2024-02-30", "not a date", "0000-00-00", ""];
const TEXT_PIECES = [
  "a",
  "Z",
  "7",
  " ",
  ",",
  ";",
  "|",
  "\t",
  '"',
  "\n",
  "\r\n",
  "商",
  "机",
  "é",
  "🚀",
  "=",
  "<b>",
  "'",
  "\\"
];

const text = fc.array(fc.constantFrom(...TEXT_PIECES), {maxLength: 8}).map((pieces) => pieces.join(""));
const date = fc.oneof({weight: 3, arbitrary: fc.constantFrom(...DATES)}, fc.constantFrom(...BAD_DATES));
const amount = fc.constantFrom("100", "1,234.50", "¥1,000", "(50)", "12.5万", "1e20", "n/a", "7.800", "", "-3");

interface Entity {
  /** header → values; the first header is the key, filled in by row number */
  columns: Record<string, fc.Arbitrary<string>>;
  /** the key first: without it a row is rejected; any other is loaded as missing */
  required: string[];
}

export const ENTITIES: Record<"opportunities" | "leads", Entity> = {
  opportunities: {
    columns: {
      opportunity_id: fc.constant(""),
      name: text,
      stage: fc.constantFrom(
        "potential",
        "intent",
        "negotiation",
        "won",
        "lost",
        "意向",
        "成交",
        "Closed Won",
        " WON ",
        "Pending",
        ""
      ),
      amount,
      currency: fc.constantFrom("CNY", "usd", "人民币", "", "XYZ"),
      created_at: date,
      closed_at: fc.oneof(date, fc.constant("")),
      account_id: fc.constantFrom("A1", "00123", " A2 ", ""),
      probability: fc.constantFrom("35%", "0.4", "150%", ""),
      notes: text
    },
    required: ["opportunity_id", "stage", "created_at"]
  },
  leads: {
    columns: {
      lead_id: fc.constant(""),
      created_at: date,
      source: fc.constantFrom("web", "展会", "WeChat", ""),
      status: fc.constantFrom("new", "converted", ""),
      converted_at: fc.oneof(date, fc.constant("")),
      company: text,
      email: fc.constantFrom("a@b.cn", "not-an-email", "")
    },
    required: ["lead_id", "created_at"]
  }
};

export type Encoding = "utf-8" | "utf-8 BOM" | "gbk" | "utf-16le BOM";

export type Mutation =
  | {kind: "none"}
  | {kind: "drop column"; column: number}
  | {kind: "duplicate key"; from: number; to: number}
  | {kind: "garbage"; row: number; column: number; bytes: number[]}
  | {kind: "truncate"; fraction: number};

export interface ExportSpec {
  entity: keyof typeof ENTITIES;
  headers: string[];
  rows: string[][];
  encoding: Encoding;
  delimiter: "," | ";" | "\t" | "|";
  quoteAll: boolean;
  lineEnd: "\n" | "\r\n";
  /** title lines above the header */
  titles: string[];
  /** rows followed by a blank line */
  blankAfter: number[];
  mutation: Mutation;
}

/** Bytes that no encoding here decodes (and a NUL), in pairs so that UTF-16 stays aligned. */
const GARBAGE = [
  [0xff, 0xfe],
  [0xc3, 0x28],
  [0x80, 0x81],
  [0x00, 0xd8],
  [0x00, 0x00]
];

/** Keys are unique, and sometimes have leading zeros, a trailing space or nothing, as exports have them. */
function key(row: number): string {
  if (row % 7 === 6) return "";
  if (row % 4 === 3) return `00${row + 1}`;
  return row % 5 === 4 ? `k${row + 1} ` : `k${row + 1}`;
}

export const exportSpec: fc.Arbitrary<ExportSpec> = fc
  .constantFrom(...(Object.keys(ENTITIES) as (keyof typeof ENTITIES)[]))
  .chain((entity) => {
    const {columns, required} = ENTITIES[entity];
    const names = Object.keys(columns);
    const optional = names.filter((n) => !required.includes(n));
    return fc
      .record({
        chosen: fc.subarray(optional),
        order: fc.array(fc.nat(), {minLength: names.length, maxLength: names.length})
      })
      .chain(({chosen, order}) => {
        const headers = [...required, ...chosen]
          .map((name) => ({name, rank: order[names.indexOf(name)]}))
          .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name))
          .map((c) => c.name);
        const row = fc.tuple(...headers.map((h) => columns[h]));
        return fc.record({
          entity: fc.constant(entity),
          headers: fc.constant(headers),
          rows: fc
            .array(row, {minLength: 1, maxLength: 12})
            .map((rows) =>
              rows.map((cells, i) => cells.map((cell, c) => (headers[c] === required[0] ? key(i) : cell)))
            ),
          encoding: fc.constantFrom<Encoding>("utf-8", "utf-8 BOM", "gbk", "utf-16le BOM"),
          delimiter: fc.constantFrom<ExportSpec["delimiter"]>(",", ";", "\t", "|"),
          quoteAll: fc.boolean(),
          lineEnd: fc.constantFrom<ExportSpec["lineEnd"]>("\n", "\r\n"),
          titles: fc.constantFrom([], ["商机列表"], ["Opportunities report", "exported 2024-04-01"]),
          blankAfter: fc.array(fc.nat({max: 12}), {maxLength: 2}),
          mutation: fc.oneof(
            {weight: 2, arbitrary: fc.constant<Mutation>({kind: "none"})},
            fc.record({kind: fc.constant("drop column" as const), column: fc.nat({max: headers.length - 1})}),
            fc.record({kind: fc.constant("duplicate key" as const), from: fc.nat({max: 11}), to: fc.nat({max: 11})}),
            fc.record({
              kind: fc.constant("garbage" as const),
              row: fc.nat({max: 11}),
              column: fc.nat({max: headers.length - 1}),
              bytes: fc.constantFrom(...GARBAGE)
            }),
            fc.record({kind: fc.constant("truncate" as const), fraction: fc.double({min: 0, max: 1, noNaN: true})})
          )
        });
      });
  });

export interface RenderedExport {
  bytes: Buffer;
  /** the line each data record starts on, as a reader must number them */
  recordLines: number[];
  /** the key cell of each of those records, as written */
  keys: string[];
  /** the record whose bytes the mutation changed or may have cut short, if any */
  damaged?: number;
  /** whether the file still has its key column */
  keyed: boolean;
  /** the required columns other than the key that the file lacks */
  lacking: string[];
}

const MARK = "\uE000";

/** Writes the export as its CRM would, then applies the mutation. */
export function renderExport(spec: ExportSpec): RenderedExport {
  let {headers, rows} = spec;
  const {mutation} = spec;
  if (mutation.kind === "drop column") {
    headers = headers.filter((_, i) => i !== mutation.column);
    rows = rows.map((r) => r.filter((_, i) => i !== mutation.column));
  }
  if (mutation.kind === "duplicate key") {
    const keyColumn = headers.indexOf(ENTITIES[spec.entity].required[0]);
    const from = rows[mutation.from % rows.length];
    rows = rows.map((r, i) => (i === mutation.to % rows.length ? r.map((c, k) => (k === keyColumn ? from[k] : c)) : r));
  }
  const garbage =
    mutation.kind === "garbage"
      ? {row: mutation.row % rows.length, column: mutation.column % headers.length}
      : undefined;
  const quote = (cell: string) =>
    spec.quoteAll || /[",;|\t\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  const encode = (textPart: string) => encodeText(textPart, spec.encoding);
  const chunks: Buffer[] = [];
  const starts: number[] = [];
  const recordLines: number[] = [];
  let line = 1;
  let offset = 0;
  const push = (chunk: Buffer) => {
    chunks.push(chunk);
    offset += chunk.length;
  };
  if (spec.encoding === "utf-8 BOM") push(Buffer.from([0xef, 0xbb, 0xbf]));
  if (spec.encoding === "utf-16le BOM") push(Buffer.from([0xff, 0xfe]));
  for (const title of spec.titles) push(encode(title + spec.lineEnd));
  line += spec.titles.length;
  push(encode(headers.map(quote).join(spec.delimiter) + spec.lineEnd));
  line++;
  const headerEnd = offset;
  rows.forEach((cells, r) => {
    const textRow = cells
      .map((cell, c) => (garbage && garbage.row === r && garbage.column === c ? quote(cell + MARK) : quote(cell)))
      .join(spec.delimiter);
    starts.push(offset);
    recordLines.push(line);
    line += 1 + (textRow.match(/\r\n|\r|\n/g)?.length ?? 0);
    const pieces = (textRow + spec.lineEnd).split(MARK).map(encode);
    push(
      mutation.kind === "garbage"
        ? Buffer.concat(pieces.flatMap((p, i) => (i ? [Buffer.from(mutation.bytes), p] : [p])))
        : pieces[0]
    );
    if (spec.blankAfter.includes(r)) {
      push(encode(spec.lineEnd));
      line++;
    }
  });
  let bytes = Buffer.concat(chunks);
  let kept = recordLines;
  if (mutation.kind === "truncate") {
    let cut = headerEnd + Math.floor(mutation.fraction * (bytes.length - headerEnd));
    // UTF-16 is cut between characters (its code units): half a unit would read as one more, garbage, row
    if (spec.encoding === "utf-16le BOM") cut -= cut % 2;
    bytes = bytes.subarray(0, cut);
    kept = recordLines.filter((_, i) => starts[i] < cut);
  }
  const [keyName, ...required] = ENTITIES[spec.entity].required;
  const keyAt = headers.indexOf(keyName);
  const damaged = mutation.kind === "truncate" ? kept.length - 1 : garbage?.row;
  return {
    bytes,
    recordLines: kept,
    keys: rows.slice(0, kept.length).map((cells) => (keyAt === -1 ? "" : cells[keyAt])),
    ...(damaged === undefined || damaged < 0 ? {} : {damaged}),
    keyed: keyAt !== -1,
    lacking: required.filter((name) => !headers.includes(name))
  };
}

function encodeText(text: string, encoding: Encoding): Buffer {
  if (encoding === "gbk") return iconv.encode(text, "gbk");
  if (encoding === "utf-16le BOM") return Buffer.from(text, "utf16le");
  return Buffer.from(text);
}
