import type {DuckDBConnection} from "@duckdb/node-api";
import {scanRecords} from "../read/scan-records.ts";
import type {TextEncoding} from "../read/sniff-file.ts";
import {transcodeToUtf8} from "../read/transcode-to-utf8.ts";
import {stagedColumns} from "./declared-features.ts";
import type {BatchContext} from "./load-batch.ts";
import {loadedFields, NUL_BYTE} from "./nul-byte.ts";
import {rawName, sqlString} from "./typed-select.ts";

export interface DelimitedFile {
  path: string;
  delimiter: string;
  bom: number;
  /** index, among the file's records, of the header */
  headerIndex: number;
  encoding: TextEncoding;
}

/**
 * Stages a UTF-8 delimited file with DuckDB's own CSV reader — the fast path. A byte scan supplies the
 * line each record starts on and its field count; the two are joined by position. Returns false, with
 * nothing staged, when DuckDB's reading disagrees with the scan (invalid UTF-8, a quote DuckDB reads
 * differently, an overlong line): the caller then stages the file record by record instead. Files in
 * other encodings are read from a UTF-8 copy.
 */
export async function stageWithDuckdb(
  connection: DuckDBConnection,
  context: BatchContext,
  file: DelimitedFile
): Promise<boolean> {
  if (file.encoding === "utf-8") return stageUtf8(connection, context, file, false);
  const copy = await transcodeToUtf8(file.path, file.encoding, file.bom);
  try {
    return await stageUtf8(connection, context, {...file, path: copy.path, bom: 0, encoding: "utf-8"}, true);
  } finally {
    await copy.remove();
  }
}

async function stageUtf8(
  connection: DuckDBConnection,
  context: BatchContext,
  file: DelimitedFile,
  transcoded: boolean
): Promise<boolean> {
  const scan = await scanRecords(file.path, file.delimiter, file.bom);
  // the record-by-record reader says where a quote is left open, and DuckDB's would pad the rest into one row
  if (scan.hasBareCarriageReturn || scan.hasMixedLineEndings || scan.endsInQuotes) return false;
  const width = context.headers.length;
  const mapped = stagedColumns(context.recognition);
  await connection.run(`CREATE OR REPLACE TEMP TABLE sj_lines (_line INTEGER, _fields INTEGER)`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE sj_long_lines (_line INTEGER, _fields INTEGER)`);
  const lines = await connection.createAppender("sj_lines", "main", "temp");
  const long = await connection.createAppender("sj_long_lines", "main", "temp");
  for (let i = file.headerIndex + 1; i < scan.count; i++) {
    // DuckDB skips rows with too many fields (ignore_errors); they are staged from the scan alone
    const appender = scan.fields[i] > width ? long : lines;
    appender.appendInteger(scan.lines[i]);
    appender.appendInteger(scan.fields[i]);
    appender.endRow();
  }
  lines.closeSync();
  long.closeSync();

  const first = file.headerIndex + 1 < scan.count ? scan.lines[file.headerIndex + 1] : 0;
  const columns = Array.from({length: width}, (_, i) => `'c${i}': 'VARCHAR'`).join(", ");
  const ragged = `_fields <> ${width}`;
  const header = (index: number) => sqlString(context.headers[index] ?? "");
  const loaded = loadedFields(context.recognition);
  const withNul = loaded.length
    ? `CASE ${loaded.map((index) => `WHEN contains(c${index}, chr(0)) THEN ${header(index)}`).join(" ")} END`
    : "NULL::VARCHAR";
  // undecodable bytes of a transcoded file arrive as U+FFFD
  const undecodable = transcoded
    ? `CASE ${mapped.map(([, index]) => `WHEN contains(c${index}, '\uFFFD') THEN ${header(index)}`).join(" ")} END`
    : "NULL::VARCHAR";
  const problem = `CASE WHEN ${ragged} THEN 'row has ' || _fields || ' fields, the header has ${width}'
    WHEN ${withNul} IS NOT NULL THEN ${sqlString(NUL_BYTE)}
    WHEN ${undecodable} IS NOT NULL THEN 'invalid bytes for the file''s encoding (mixed encodings?)' END`;
  // DuckDB's parallel reader refuses null_padding with line breaks inside quotes ("Parameter Not Allowed")
  const serial = scan.hasQuotedLineBreak ? ", parallel = false" : "";
  const source =
    first === 0
      ? `(SELECT ${Array.from({length: width}, (_, i) => `NULL::VARCHAR AS c${i}`).join(", ")}, 1 AS _present LIMIT 0)`
      : `(SELECT *, 1 AS _present FROM read_csv(${sqlString(file.path)}, delim = ${sqlString(file.delimiter)}, quote = '"',
          escape = '"', header = false, skip = ${first - 1}, columns = {${columns}}, auto_detect = false,
          null_padding = true, ignore_errors = true, max_line_size = 16777216${serial}))`;
  await connection.run(`CREATE OR REPLACE TEMP TABLE sj_raw AS
    SELECT _line, ${problem} AS _problem, CASE WHEN NOT ${ragged} THEN coalesce(${withNul}, ${undecodable}) END AS _problem_column, _present,
      ${
        [
          ...mapped.map(
            ([column, index]) =>
              `${firstFilled(index, context.recognition.fallbacks.get(column))} AS ${rawName(column)}`
          ),
          ...[...context.recognition.constants].map(([column, value]) => `${sqlString(value)} AS ${rawName(column)}`)
        ].join(", ") || "NULL AS _nothing"
      }
    FROM ${source} POSITIONAL JOIN sj_lines`);
  const check = await connection.runAndReadAll(
    `SELECT count(*) FILTER (WHERE _line IS NULL OR _present IS NULL)::INTEGER FROM sj_raw`
  );
  if (Number(check.getRows()[0][0]) > 0) return false;
  await connection.run(`ALTER TABLE sj_raw DROP COLUMN _present`);
  await connection.run(`INSERT INTO sj_raw (_line, _problem)
    SELECT _line, 'row has ' || _fields || ' fields, the header has ${width}' FROM sj_long_lines`);
  return true;
}

/** The column, or where it is blank the first filled fallback column (mirrors firstFilled in load-batch.ts). */
function firstFilled(index: number, fallbacks: number[] | undefined): string {
  if (!fallbacks) return `c${index}`;
  const filled = [index, ...fallbacks].map((i) => `nullif(trim(c${i}), '')`);
  return `coalesce(${filled.join(", ")}, c${index})`;
}
