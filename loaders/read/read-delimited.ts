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

/** Streams the records of a delimited text file in any supported encoding, with the line each starts on. */
export async function* readDelimited(path: string, options: DelimitedOptions): AsyncGenerator<RawRecord> {
  const decoder = new TextDecoder(options.encoding === "gb18030" ? "gb18030" : options.encoding);
  const parser = parse({
    delimiter: options.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
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
  for await (const {record, info} of parser as AsyncIterable<{record: string[]; info: {lines: number}}>) {
    yield {line: startLine(info.lines, record), fields: record};
  }
}

/** csv-parse reports the line a record ends on; a quoted field with line breaks starts it earlier. */
function startLine(endLine: number, record: string[]): number {
  let breaks = 0;
  for (const field of record) for (let i = field.indexOf("\n"); i !== -1; i = field.indexOf("\n", i + 1)) breaks++;
  return endLine - breaks;
}
