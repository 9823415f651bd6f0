import {writeFileSync} from "node:fs";
import {crc32, deflateRawSync} from "node:zlib";
import ExcelJS from "exceljs";
import type {Json} from "@duckdb/node-api";
import type {IngestResult} from "../../loaders/ingest/ingest.ts";
import type {MappingFile} from "../../loaders/mapping/mapping-file.ts";

/** A file's bytes, or a function that writes them (for files too big to hold in a test's memory). */
export type Content = string | Uint8Array | ((path: string) => void | Promise<void>);

/** A problem recorded in the quarantine: line, rule, and where given the column and the reason. */
export type Problem = [line: number, rule: string, column?: string | null, reason?: string | RegExp];

/**
 * What becomes of one file (or one sheet of a workbook): loaded, its rows each loaded or rejected, or rejected
 * whole with a message. A problem's scope is the list it is in: `rejectedRows` keep their row out of the
 * warehouse (scope row); `setAside` are values of loaded rows, loaded as missing or flagged (scope value).
 */
export type Outcome =
  | {
      /** rows loaded, those with a value set aside among them */
      loaded: number;
      rejectedRows?: Problem[];
      setAside?: Problem[];
      /** what the report says of the file as a whole, such as a column it lacks */
      message?: string;
    }
  | {rejected: string | RegExp};

export type Query = (sql: string) => Promise<Record<string, Json>[]>;

export interface HostileCase {
  name: string;
  /** file name → content; all files go into one ingest */
  files: Record<string, Content>;
  /** outcome per report: a file name, or file#sheet for a workbook */
  expect: Record<string, Outcome>;
  mapping?: MappingFile;
  /** the files are put in a folder, and the folder is ingested, not the files one by one */
  folder?: boolean;
  /** the ingest's warnings, paths relative to the case's files */
  warnings?: string[];
  /** the ingest fails as a whole, with a message naming the file */
  error?: RegExp;
  /** what else must hold in the warehouse afterwards */
  check?: (query: Query, result: IngestResult) => Promise<void>;
  /** milliseconds, for the cases that write big files */
  timeout?: number;
}

export const OPPORTUNITY_HEADER = "opportunity_id,name,stage,amount,created_at";
export const ZH_HEADER = "商机编号,商机名称,阶段,金额,创建时间";

/** A CSV text: a header and rows, each ended by a line feed. */
export function csv(header: string, ...rows: string[]): string {
  return [header, ...rows].map((line) => `${line}\n`).join("");
}

/** Opportunity rows "id,name,stage,amount,created_at" that load, numbered from `first`. */
export function goodRows(count: number, first = 1): string[] {
  return Array.from({length: count}, (_, i) => `o${first + i},Deal ${first + i},intent,100,2024-01-05`);
}

export function bytes(...parts: (string | number[] | Uint8Array)[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));
}

export const BOM = [0xef, 0xbb, 0xbf];

/** A ZIP archive of files, stored (method 0) or deflated (method 8), as CRM "export all" downloads are. */
export function zipOf(entries: Record<string, string | Buffer>, deflate = false): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.from(content);
    const stored = deflate ? deflateRawSync(data) : data;
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, stored);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A workbook built by `build`, written to the case's path. */
export function workbook(build: (workbook: ExcelJS.Workbook) => void): (path: string) => Promise<void> {
  return async (path) => writeFileSync(path, Buffer.from(await workbookBytes(build)));
}

export async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  build(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}
