import {open} from "node:fs/promises";
import {LIMITS, tooManyLines} from "./limits.ts";

export interface RecordScan {
  /** 1-based line on which each record starts, in file order (blank lines are not records) */
  lines: Int32Array;
  /** number of fields of each record */
  fields: Int32Array;
  count: number;
  /** a carriage return not followed by a line feed: old Mac line endings, which the fast path does not read */
  hasBareCarriageReturn: boolean;
  /** a line break inside a quoted field */
  hasQuotedLineBreak: boolean;
  /** lines ending in CRLF and others in LF alone, which DuckDB's reader may refuse */
  hasMixedLineEndings: boolean;
  /** the file ends inside a quoted field */
  endsInQuotes: boolean;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Finds where each record of a delimited UTF-8 file starts and how many fields it has, without
 * decoding it: a byte loop that only tracks quotes, delimiters and line breaks. DuckDB then parses the
 * values; this scan supplies what DuckDB's reader does not report — line numbers and ragged rows.
 * Quotes open a quoted field only at the start of a field, as csv-parse's relax_quotes reads them.
 */
export async function scanRecords(path: string, delimiter: string, start = 0): Promise<RecordScan> {
  const delim = delimiter.charCodeAt(0);
  let lines = new Int32Array(1 << 16);
  let fields = new Int32Array(1 << 16);
  let count = 0;
  let line = 1;
  let recordLine = 1;
  let fieldCount = 1;
  let inQuotes = false;
  let quotePending = false; // a quote inside a quoted field: closing, or the first half of ""
  let atFieldStart = true;
  let empty = true;
  let bareCr = false;
  let quotedBreak = false;
  let crlf = false;
  let bareLf = false;
  let previous = -1;

  const push = () => {
    if (recordLine > LIMITS.lines) throw tooManyLines(recordLine);
    if (count === lines.length) {
      lines = grow(lines);
      fields = grow(fields);
    }
    lines[count] = recordLine;
    fields[count] = fieldCount;
    count++;
  };

  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(1 << 20);
    let position = start;
    for (;;) {
      const {bytesRead} = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      for (let i = 0; i < bytesRead; i++) {
        const b = buffer[i];
        if (previous === CR && b !== LF) bareCr = true;
        const prior = previous;
        previous = b;
        if (inQuotes) {
          if (quotePending) {
            quotePending = false;
            if (b === QUOTE) continue; // "" is an escaped quote
            inQuotes = false; // the pending quote closed the field; read b as unquoted
          } else {
            if (b === QUOTE) quotePending = true;
            else if (b === LF) {
              line++;
              quotedBreak = true;
            }
            continue;
          }
        }
        if (b === LF) {
          if (prior === CR) crlf = true;
          else bareLf = true;
          if (!empty) push();
          line++;
          recordLine = line;
          fieldCount = 1;
          atFieldStart = true;
          empty = true;
        } else if (b === delim) {
          fieldCount++;
          atFieldStart = true;
          empty = false;
        } else if (b === CR) {
          // part of CRLF; a record of only CR is blank
        } else {
          if (b === QUOTE && atFieldStart) inQuotes = true;
          atFieldStart = false;
          empty = false;
        }
      }
    }
    if (!empty || inQuotes) push();
  } finally {
    await handle.close();
  }
  return {
    lines,
    fields,
    count,
    hasBareCarriageReturn: bareCr,
    hasQuotedLineBreak: quotedBreak,
    hasMixedLineEndings: crlf && bareLf,
    endsInQuotes: inQuotes && !quotePending
  };
}

function grow(array: Int32Array): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
