import {createReadStream} from "node:fs";
import {parse} from "csv-parse";
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
 * fields read as text, blank lines skipped.
 */
export const CSV_RECORD_OPTIONS = {relax_column_count: true, relax_quotes: true, skip_empty_lines: true} as const;

/** Streams the records of a delimited text file in any supported encoding, with the line each starts on. */
export async function* readDelimited(path: string, options: DelimitedOptions): AsyncGenerator<RawRecord> {
  const decoder = new TextDecoder(options.encoding === "gb18030" ? "gb18030" : options.encoding);
  const parser = parse({
    delimiter: options.delimiter,
    ...CSV_RECORD_OPTIONS,
    info: true,
    max_record_size: options.maxRecordSize ?? 16 << 20
  });
  const input = createReadStream(path, {start: options.bom, highWaterMark: 1 << 20});
  (async () => {
    try {
      for await (const chunk of input) {
        if (!parser.write(decoder.decode(chunk as Buffer, {stream: true}))) {
          await new Promise((resolve) => parser.once("drain", resolve));
        }
      }
      const rest = decoder.decode();
      if (rest) parser.write(rest);
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  // csv-parse reports the line a record ends on, and counts a CRLF inside a quoted field as two lines
  let overcount = 0;
  for await (const {record, info} of parser as AsyncIterable<{record: string[]; info: {lines: number}}>) {
    const {breaks, crlf} = lineBreaks(record);
    overcount += crlf;
    yield {line: info.lines - overcount - breaks, fields: record};
  }
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
