import {createReadStream} from "node:fs";
import {parse} from "csv-parse";
import {textDecoder} from "./decode-text.ts";
import {LIMITS, tooManyLines, UnreadableFile} from "./limits.ts";
import type {TextEncoding} from "./sniff-file.ts";

export interface RawRecord {
  /** 1-based line of the file where the record starts */
  line: number;
  fields: string[];
}

export interface DelimitedOptions {
  encoding: TextEncoding;
  bom: number;
  delimiter: string;
  /** the largest record accepted, in characters; larger ones fail the file with a clear message */
  maxRecordSize?: number;
}

/**
 * How every reader of a delimited file splits it — the sample read for the header and delimiter, and the
 * stream — so that record numbers agree between them: ragged rows kept, stray quotes inside unquoted
 * fields read as text, blank lines skipped, and CRLF, LF and CR all ending a record even when one file
 * mixes them (csv-parse would otherwise keep to the first it meets and join the rest into one record).
 */
export const CSV_RECORD_OPTIONS = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  record_delimiter: ["\r\n", "\n", "\r"]
};

interface ParseInfo {
  lines: number;
  empty_lines: number;
}

/**
 * Streams the records of a delimited text file in any supported encoding, with the line each starts on.
 * A quote never closed, or a record beyond the size limit, ends the stream with an UnreadableFile naming
 * the line the record starts on.
 */
export async function* readDelimited(path: string, options: DelimitedOptions): AsyncGenerator<RawRecord> {
  const decoder = textDecoder(options.encoding);
  const maxRecordSize = options.maxRecordSize ?? LIMITS.recordChars;
  const parser = parse({
    delimiter: options.delimiter,
    ...CSV_RECORD_OPTIONS,
    info: true,
    max_record_size: maxRecordSize
  });
  const input = createReadStream(path, {start: options.bom, highWaterMark: 1 << 20});
  (async () => {
    try {
      for await (const chunk of input) {
        if (!parser.write(decoder.decode(chunk as Buffer))) {
          await new Promise((resolve) => parser.once("drain", resolve));
        }
      }
      const rest = decoder.end();
      if (rest) parser.write(rest);
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  // csv-parse reports the line a record ends on, and counts a CRLF inside a quoted field as two lines
  let overcount = 0;
  let next = {line: 1, emptyLines: 0};
  try {
    for await (const {record, info} of parser as AsyncIterable<{record: string[]; info: ParseInfo}>) {
      const {breaks, crlf} = lineBreaks(record);
      overcount += crlf;
      const line = info.lines - overcount - breaks;
      if (line > LIMITS.lines) throw tooManyLines(line);
      next = {line: info.lines - overcount + 1, emptyLines: info.empty_lines};
      yield {line, fields: record};
    }
  } catch (error) {
    throw unreadable(error, next, maxRecordSize);
  }
}

/** csv-parse's errors for a record it cannot end, as an UnreadableFile naming the line the record starts on. */
function unreadable(error: unknown, next: {line: number; emptyLines: number}, maxRecordSize: number): unknown {
  const {code, empty_lines: emptyLines} = error as {code?: string; empty_lines?: number};
  const start = next.line + Math.max(0, (emptyLines ?? next.emptyLines) - next.emptyLines);
  if (code === "CSV_QUOTE_NOT_CLOSED")
    return new UnreadableFile(
      start,
      "a quote opened in this row is never closed, so the rest of the file would be one value: is the file cut short, or a closing quote missing?"
    );
  if (code === "CSV_MAX_RECORD_SIZE")
    return new UnreadableFile(
      start,
      `the row is longer than ${maxRecordSize.toLocaleString("en")} characters, the most Shangji reads in one row: is a closing quote missing, or did the file lose its line breaks?`
    );
  return error;
}

/** Line breaks (CRLF, CR or LF) inside the fields of a record, and how many of them are CRLF. */
function lineBreaks(record: string[]): {breaks: number; crlf: number} {
  let breaks = 0;
  let crlf = 0;
  for (const field of record) {
    breaks += field.match(/\r\n|\r|\n/g)?.length ?? 0;
    crlf += field.match(/\r\n/g)?.length ?? 0;
  }
  return {breaks, crlf};
}
