import {stat} from "node:fs/promises";
import {extname} from "node:path";
import {parse} from "csv-parse/sync";
import type {FileMapping} from "../mapping/mapping-file.ts";
import {detectDelimiter} from "../read/detect-delimiter.ts";
import {LIMITS, mebibytes} from "../read/limits.ts";
import {CSV_RECORD_OPTIONS, readDelimited, type RawRecord} from "../read/read-delimited.ts";
import {sniffFile} from "../read/sniff-file.ts";
import {readXlsx} from "../read/read-xlsx.ts";
import {workbookXmlBytes} from "../read/workbook-size.ts";
import {normalizeLabel} from "../../warehouse/schema/stages.ts";
import {knownHeaders} from "./recognise-entity.ts";
import type {DelimitedFile} from "./stage-with-duckdb.ts";

/** One table inside an export file: a delimited file, or one worksheet of a workbook. */
export interface Source {
  /** file path, plus #sheet for workbooks */
  name: string;
  format: "csv" | "tsv" | "xlsx";
  encoding: string;
  headers: string[];
  /** line (or worksheet row) of the header */
  headerLine: number;
  strictWidth: boolean;
  records(): AsyncIterable<RawRecord>;
  /** set when DuckDB's CSV reader can read the file itself (UTF-8 text) */
  delimited?: DelimitedFile;
}

export class FileRejection extends Error {}

const HEADER_SEARCH_ROWS = 20;

/** Opens an export file as the tables it holds, or says plainly why it cannot be read. */
export async function openSources(path: string, fileMapping?: FileMapping): Promise<Source[]> {
  const sniffed = await sniffFile(path);
  switch (sniffed.kind) {
    case "empty":
      throw new FileRejection("file is empty (0 bytes)");
    case "binary":
      throw new FileRejection("not a text export: the file holds binary data");
    case "zip":
      throw new FileRejection("a ZIP archive, not a CSV or XLSX export: unpack it first");
    case "xlsx":
      return openWorkbook(path, fileMapping);
  }
  if (extname(path).toLowerCase() === ".xlsx") throw new FileRejection("named .xlsx but is not a workbook");
  // the start of the file that was sniffed ends inside a line: that line is not read as the header
  const cut = (await stat(path)).size > LIMITS.headerBytes;
  const sample = cut ? sniffed.sample.slice(0, lastLineBreak(sniffed.sample) + 1) : sniffed.sample;
  if (cut && sample === "")
    throw new FileRejection(
      `line 1 is longer than ${mebibytes(LIMITS.headerBytes)}, so no header row can be found: is it a CSV export, and did it keep its line breaks?`
    );
  const isTsv = extname(path).toLowerCase() === ".tsv";
  const delimiter = fileMapping?.delimiter ?? detectDelimiter(sample, isTsv ? "\t" : undefined);
  const sampleRecords = parseSample(sample, delimiter);
  if (sampleRecords.every((r) => r.fields.every((f) => f.trim() === "")))
    throw new FileRejection("file has no header row (only blank lines)");
  const headerIndex = findHeader(
    sampleRecords.map((r) => r.fields),
    fileMapping,
    sampleRecords
  );
  const header = sampleRecords[headerIndex];
  checkWidth(header);
  return [
    {
      name: path,
      format: delimiter === "\t" ? "tsv" : "csv",
      encoding: sniffed.encoding,
      headers: header.fields.map((h) => h.trim()),
      headerLine: header.line,
      strictWidth: true,
      delimited: {path, delimiter, bom: sniffed.bom, headerIndex, encoding: sniffed.encoding},
      async *records() {
        let index = 0;
        for await (const record of readDelimited(path, {encoding: sniffed.encoding, bom: sniffed.bom, delimiter})) {
          if (index++ > headerIndex) yield record;
        }
      }
    }
  ];
}

function lastLineBreak(text: string): number {
  return Math.max(text.lastIndexOf("\n"), text.lastIndexOf("\r"));
}

function checkWidth(header: RawRecord) {
  if (header.fields.length > LIMITS.columns)
    throw new FileRejection(
      `line ${header.line}: the header has ${header.fields.length.toLocaleString("en")} columns; ` +
        `Shangji reads at most ${LIMITS.columns.toLocaleString("en")}, as many as Excel`
    );
}

function parseSample(sample: string, delimiter: string): RawRecord[] {
  const lines = sample.split("\n");
  const text = lines.length > HEADER_SEARCH_ROWS + 5 ? lines.slice(0, HEADER_SEARCH_ROWS + 5).join("\n") : sample;
  try {
    const parsed = parse(text, {
      delimiter,
      ...CSV_RECORD_OPTIONS,
      info: true,
      to: HEADER_SEARCH_ROWS
    }) as unknown as {record: string[]; info: {lines: number}}[];
    return parsed.map(({record, info}) => ({line: info.lines, fields: record}));
  } catch {
    // a quoted field longer than the sample: the first line is the header
    return [{line: 1, fields: parse(lines[0], {delimiter, ...CSV_RECORD_OPTIONS})[0] ?? []}];
  }
}

/**
 * The header is the row, among the first ones, that names the most of the columns the mapping file names,
 * then the most known column names (title lines may sit above it): a data row holding a word that is also a
 * column name ("email", "industry") never wins over the row the mapping file describes.
 */
function findHeader(rows: string[][], fileMapping: FileMapping | undefined, records: RawRecord[]): number {
  const headerRow = fileMapping?.headerRow;
  if (headerRow !== undefined) {
    const index = records.findIndex((r) => r.line === headerRow);
    if (index === -1)
      throw new FileRejection(`header row ${headerRow} (from the mapping file) is blank or past the start of the file`);
    return index;
  }
  const mapped = new Set(Object.keys(fileMapping?.columns ?? {}).map(normalizeLabel));
  const known = knownHeaders();
  let best = {index: 0, score: [0, 0]};
  rows.forEach((fields, index) => {
    const labels = fields.map(normalizeLabel);
    const score = [labels.filter((f) => mapped.has(f)).length, labels.filter((f) => known.has(f)).length];
    if (score[0] > best.score[0] || (score[0] === best.score[0] && score[1] > best.score[1])) best = {index, score};
  });
  return best.index;
}

async function openWorkbook(path: string, fileMapping?: FileMapping): Promise<Source[]> {
  const xmlBytes = await workbookXmlBytes(path);
  if (xmlBytes !== undefined && xmlBytes > LIMITS.workbookXmlBytes)
    throw new FileRejection(
      `the workbook's sheets unpack to ${Number.isFinite(xmlBytes) ? mebibytes(xmlBytes) : "more than 4 GiB"} of XML; ` +
        `Shangji reads workbooks up to ${mebibytes(LIMITS.workbookXmlBytes)}, since a workbook is read whole into memory: ` +
        `save the sheet as CSV (UTF-8), which is read as a stream`
    );
  let sheets;
  try {
    sheets = await readXlsx(path);
  } catch (error) {
    // the reader's own message may quote the workbook's content; the message is published with the file's name
    throw new FileRejection(
      "cannot read the workbook: it is damaged, cut short or encrypted; open it in Excel and save it again",
      {cause: error}
    );
  }
  if (fileMapping?.sheet) {
    sheets = sheets.filter((s) => s.name === fileMapping.sheet);
    if (sheets.length === 0) throw new FileRejection(`the workbook has no sheet named "${fileMapping.sheet}"`);
  }
  sheets = sheets.filter((s) => s.records.length > 0);
  if (sheets.length === 0) throw new FileRejection("the workbook has no data on any sheet");
  return sheets.map((sheet) => {
    const headerIndex = findHeader(
      sheet.records.slice(0, HEADER_SEARCH_ROWS).map((r) => r.fields),
      fileMapping,
      sheet.records
    );
    const header = sheet.records[headerIndex];
    checkWidth(header);
    return {
      name: `${path}#${sheet.name}`,
      format: "xlsx" as const,
      encoding: "xlsx",
      headers: header.fields.map((h) => h.trim()),
      headerLine: header.line,
      strictWidth: false,
      async *records() {
        yield* sheet.records.slice(headerIndex + 1);
      }
    };
  });
}
