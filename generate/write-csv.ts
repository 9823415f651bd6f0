/**
 * Streams CSV rows to a file in UTF-8 (no BOM) or GBK. Rows are buffered in small batches, turned
 * into text by csv-stringify, encoded by iconv-lite and written with backpressure, so memory stays
 * bounded however many rows go through.
 */
import {once} from "node:events";
import {createWriteStream, type WriteStream} from "node:fs";
import {stringify} from "csv-stringify/sync";
import iconv from "iconv-lite";

export type Encoding = "utf-8" | "gbk";
export type Cell = string | number;

const BATCH_ROWS = 2000;

export class CsvWriter {
  readonly file: string;
  readonly encoding: Encoding;
  rows = 0;
  private readonly stream: WriteStream;
  private readonly eol: string;
  private batch: Cell[][] = [];
  private failure: Error | undefined;

  /** GBK files use CRLF line ends, as Excel-bound exports from Chinese CRMs do. */
  constructor(path: string, file: string, header: readonly string[], encoding: Encoding) {
    this.file = file;
    this.encoding = encoding;
    this.eol = encoding === "gbk" ? "\r\n" : "\n";
    this.stream = createWriteStream(path, {highWaterMark: 1 << 20});
    this.stream.on("error", (error) => (this.failure = error));
    this.stream.write(this.encode(stringify([header as string[]], {record_delimiter: this.eol})));
  }

  write(row: Cell[]): void {
    this.batch.push(row);
    this.rows++;
  }

  /** Writes out the batch once it is big enough, waiting while the file stream is saturated. */
  async flush(force = false): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.batch.length === 0 || (!force && this.batch.length < BATCH_ROWS)) return;
    const text = stringify(this.batch, {record_delimiter: this.eol});
    this.batch = [];
    if (!this.stream.write(this.encode(text))) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    await this.flush(true);
    this.stream.end();
    await once(this.stream, "finish");
    if (this.failure) throw this.failure;
  }

  private encode(text: string): Buffer {
    return this.encoding === "gbk" ? iconv.encode(text, "gbk") : Buffer.from(text, "utf8");
  }
}

/** Amounts as plain numbers with two decimals. */
export function money(amount: number): string {
  return amount.toFixed(2);
}

/** Zero-padded identifiers: `id("O", 123, 6)` → `O000123`. */
export function id(prefix: string, n: number, width: number): string {
  return prefix + String(n).padStart(width, "0");
}

/** Digits needed to write `max`, never fewer than `min`. */
export function idWidth(max: number, min: number): number {
  return Math.max(min, String(Math.max(0, Math.ceil(max))).length);
}
