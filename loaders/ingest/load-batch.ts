import type {DuckDBConnection} from "@duckdb/node-api";
import type {RawRecord} from "../read/read-delimited.ts";
import {ENTITIES, isKeyColumn, type Entity} from "../../warehouse/schema/entities.ts";
import {featureColumns, insertFeatureRows, stagedColumns} from "./declared-features.ts";
import {setAsideReplacedRows} from "./keep-newer-rows.ts";
import {fieldWithNul, loadedFields, NUL_BYTE} from "./nul-byte.ts";
import type {Recognition} from "./recognise-entity.ts";
import {
  derivedExpressions,
  invalidReason,
  parseExpression,
  rawName,
  sqlString,
  typedName,
  valueName,
  type ValueSettings
} from "./typed-select.ts";

export interface BatchCounts {
  rowsRead: number;
  rowsLoaded: number;
  /** rows rejected: unreadable, without a key, or repeating one */
  rowsQuarantined: number;
  /** values of loaded rows set aside (loaded as missing) or flagged (loaded as exported) */
  valuesSetAside: number;
}

export interface BatchContext {
  ingestId: number;
  file: string;
  recognition: Recognition;
  headers: string[];
  settings: ValueSettings;
  stageNames: string[];
  /** delimited files must have as many fields in every row as in the header; workbooks drop trailing blanks */
  strictWidth: boolean;
}

/** Copies raw records into the staging table `sj_raw`, one VARCHAR per mapped canonical column. */
export async function stageRecords(
  connection: DuckDBConnection,
  context: BatchContext,
  records: AsyncIterable<RawRecord>,
  onProgress?: (rows: number) => void
): Promise<number> {
  const mapped = stagedColumns(context.recognition);
  const constants = [...context.recognition.constants.entries()];
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE sj_raw (_line INTEGER, _problem VARCHAR, _problem_column VARCHAR, ${[
      ...mapped,
      ...constants
    ]
      .map(([column]) => `${rawName(column)} VARCHAR`)
      .join(", ")})`
  );
  const appender = await connection.createAppender("sj_raw", "main", "temp");
  const width = context.headers.length;
  const loaded = loadedFields(context.recognition);
  let rows = 0;
  // a file that turns out unreadable half-way still leaves the appender closed, for the next file's staging
  try {
    for await (const {line, fields} of records) {
      appender.appendInteger(line);
      const problem = rowProblem(fields, width, context.strictWidth, context.headers, mapped, loaded);
      if (problem) {
        appender.appendVarchar(problem.reason);
        if (problem.column === null) appender.appendNull();
        else appender.appendVarchar(problem.column);
      } else {
        appender.appendNull();
        appender.appendNull();
      }
      for (const [column, index] of mapped) {
        const value = firstFilled(fields, index, context.recognition.fallbacks.get(column));
        if (value === undefined) appender.appendNull();
        else appender.appendVarchar(value);
      }
      for (const [, value] of constants) appender.appendVarchar(value);
      appender.endRow();
      if (++rows % 100_000 === 0) onProgress?.(rows);
    }
  } finally {
    appender.closeSync();
  }
  return rows;
}

// as stageWithDuckdb reports them: a ragged row names no column; only the columns loaded are checked for bad bytes
/** The field at `index`, or where it is blank the first filled fallback field. */
function firstFilled(fields: string[], index: number, fallbacks: number[] | undefined): string | undefined {
  const value = fields[index];
  if (!fallbacks || (value !== undefined && value.trim() !== "")) return value;
  for (const fallback of fallbacks)
    if (fields[fallback] !== undefined && fields[fallback].trim() !== "") return fields[fallback];
  return value;
}

function rowProblem(
  fields: string[],
  width: number,
  strictWidth: boolean,
  headers: string[],
  mapped: [string, number][],
  loaded: number[]
): {reason: string; column: string | null} | undefined {
  if (strictWidth && fields.length !== width) {
    return {reason: `row has ${fields.length} fields, the header has ${width}`, column: null};
  }
  const withNul = fieldWithNul(fields, loaded);
  if (withNul !== undefined) return {reason: NUL_BYTE, column: headers[withNul] ?? ""};
  const broken = mapped.find(([, index]) => fields[index]?.includes("\uFFFD"));
  if (broken)
    return {reason: "invalid bytes for the file's encoding (mixed encodings?)", column: headers[broken[1]] ?? ""};
  return undefined;
}

/**
 * Types, validates and loads the staged batch; loaded rows replace the rows with the same key. A row that
 * cannot be placed (unreadable, no key, a key repeated) is rejected into `quarantine` (scope row); any other bad
 * value is recorded there too (scope value) and its row loaded without it — or as exported, where no single
 * value is wrong (a close before the creation) — so that every identifiable row counts.
 */
export async function loadBatch(connection: DuckDBConnection, context: BatchContext): Promise<BatchCounts> {
  const run = profiled(connection);
  const {recognition, settings, headers} = context;
  const entity = ENTITIES[recognition.entity];
  const mapped = new Set([...recognition.columns.keys(), ...recognition.constants.keys()]);
  // declared features are typed and checked as columns are; only the canonical ones load into the entity's table
  const columns = [...entity.columns.filter((c) => mapped.has(c.name)), ...featureColumns(recognition)];
  const sourceIndex = new Map(stagedColumns(recognition));
  const missing = settings.missing.map((m) => sqlString(m.trim().toLowerCase())).join(", ");
  const blank = (raw: string) =>
    missing
      ? `CASE WHEN lower(trim(${raw})) IN (${missing}) THEN NULL ELSE nullif(trim(${raw}), '') END`
      : `nullif(trim(${raw}), '')`;
  const values = columns.map((c) => `${blank(rawName(c.name))} AS ${valueName(c.name)}`);
  const typed = columns.map((c) => `${parseExpression(c, settings)} AS ${typedName(c.name)}`);
  await run(`CREATE OR REPLACE TEMP TABLE sj_typed AS
    SELECT *, ${typed.join(", ") || "NULL AS _none"} FROM (SELECT _line, _problem, _problem_column, ${values.join(", ") || "NULL AS _nothing"} FROM sj_raw)`);

  // a constant of the mapping file is named by its column
  const header = (column: string) => sqlString(headers[sourceIndex.get(column) ?? -1] ?? column);
  // a key value that is bad or missing rejects its row; any other is set aside and its row loaded without it
  const scope = (column: string) => (isKeyColumn(entity, column) ? "'row'" : "'value'");
  const withoutIt = (column: string, reason: string) =>
    isKeyColumn(entity, column) ? reason : `${reason} || '; the row is loaded without it'`;
  const problems: string[] = [
    `SELECT _line, _problem_column AS col, NULL AS value, _problem AS reason,
    CASE WHEN _problem LIKE 'row has%' THEN 'ragged_row' ELSE 'invalid_encoding' END AS rule,
    'row' AS scope, NULL::VARCHAR AS target FROM sj_typed WHERE _problem IS NOT NULL`
  ];
  for (const column of columns) {
    const {rule, reason} = invalidReason(column, context.stageNames);
    problems.push(`SELECT _line, ${header(column.name)}, ${valueName(column.name)}, ${withoutIt(column.name, reason)}, '${rule}',
        ${scope(column.name)}, '${column.name}'
      FROM sj_typed WHERE _problem IS NULL AND ${valueName(column.name)} IS NOT NULL AND ${typedName(column.name)} IS NULL`);
    if (column.type === "date" || column.type === "timestamp" || column.type === "month") {
      const reason = `'"' || ${valueName(column.name)} || '" is outside 1900–2100'`;
      problems.push(`SELECT _line, ${header(column.name)}, ${valueName(column.name)}, ${withoutIt(column.name, reason)}, 'date_out_of_range',
          ${scope(column.name)}, '${column.name}'
        FROM sj_typed WHERE _problem IS NULL AND NOT sj_in_range(CAST(${typedName(column.name)} AS TIMESTAMP))`);
    }
    if (column.required) {
      problems.push(`SELECT _line, ${header(column.name)}, NULL, ${withoutIt(column.name, `'missing ${column.name}'`)}, 'missing_required',
          ${scope(column.name)}, NULL
        FROM sj_typed WHERE _problem IS NULL AND ${valueName(column.name)} IS NULL`);
    }
  }
  problems.push(...crossFieldRules(entity, mapped, header));
  await run(`CREATE OR REPLACE TEMP TABLE sj_problems AS ${problems.join("\nUNION ALL\n")}`);
  await quarantineDuplicates(run, entity, header);
  // a rejected row loads no value: nothing of it is set aside
  await run(
    `DELETE FROM sj_problems WHERE scope = 'value' AND _line IN (SELECT _line FROM sj_problems WHERE scope = 'row')`
  );

  await run(
    `INSERT INTO quarantine (ingest_id, file, entity, line, "column", value, reason, rule, scope)
     SELECT $ingest, $file, $entity, _line, col, value, reason, rule, scope FROM sj_problems ORDER BY _line`,
    {ingest: context.ingestId, file: context.file, entity: entity.name}
  );
  const derived = derivedExpressions(entity, settings, mapped);
  const targets = entity.columns.filter((c) => mapped.has(c.name) || derived.has(c.name));
  const selects = targets.map((c) => derived.get(c.name) ?? typedName(c.name));
  // the values set aside, read as missing: a date out of range or an outcome the stage contradicts
  const setAsideValues = columns.map(
    (c) =>
      `CASE WHEN list_contains(a.targets, '${c.name}') THEN NULL ELSE t.${typedName(c.name)} END AS ${typedName(c.name)}`
  );
  await run(`CREATE OR REPLACE TEMP TABLE sj_good AS
    SELECT ${selects.map((expression, i) => `${expression} AS ${targets[i].name}`).join(", ")}, _line
    FROM (
      SELECT t.* ${setAsideValues.length ? `REPLACE (${setAsideValues.join(", ")})` : ""}
      FROM sj_typed t
      LEFT JOIN (SELECT _line, list(target) AS targets FROM sj_problems WHERE scope = 'value' AND target IS NOT NULL
                 GROUP BY _line) a USING (_line)
      WHERE t._line NOT IN (SELECT _line FROM sj_problems WHERE scope = 'row')
    )`);
  await setAsideReplacedRows(
    run,
    entity,
    context.file,
    targets.map((c) => c.name)
  );
  await run(
    `INSERT INTO ${entity.name} (${targets.map((c) => c.name).join(", ")}, _ingest_id, _file, _line)
     SELECT ${targets.map((c) => c.name).join(", ")}, $ingest, $file, _line FROM sj_good`,
    {ingest: context.ingestId, file: context.file}
  );
  await insertFeatureRows(run, context, entity.key[0]);
  const counts = await connection.runAndReadAll(`SELECT
    (SELECT count(*) FROM sj_raw)::INTEGER AS read,
    (SELECT count(DISTINCT _line) FROM sj_problems WHERE scope = 'row')::INTEGER AS rejected,
    (SELECT count(*) FROM sj_problems WHERE scope = 'value')::INTEGER AS set_aside`);
  const [read, rejected, setAside] = counts.getRows()[0] as number[];
  return {rowsRead: read, rowsLoaded: read - rejected, rowsQuarantined: rejected, valuesSetAside: setAside};
}

/** Rows that repeat the key of an earlier row of the same file: the first one is kept. */
async function quarantineDuplicates(run: Run, entity: Entity, header: (c: string) => string) {
  const keys = entity.key.map(typedName);
  const keyText = entity.key.map((k) => `coalesce(CAST(${typedName(k)} AS VARCHAR), '')`).join(` || ', ' || `);
  await run(`INSERT INTO sj_problems
    SELECT _line, ${header(entity.key[0])}, ${keyText}, 'duplicate ${entity.key.join(", ")} "' || ${keyText} || '" (first on line ' || first_line || ')',
      'duplicate_key', 'row', NULL
    FROM (SELECT *, first_value(_line) OVER (PARTITION BY ${keys.join(", ")} ORDER BY _line) AS first_line
          FROM sj_typed WHERE _line NOT IN (SELECT _line FROM sj_problems WHERE scope = 'row'))
    WHERE _line <> first_line`);
}

function crossFieldRules(entity: Entity, mapped: Set<string>, header: (c: string) => string): string[] {
  const rules: string[] = [];
  const order = (later: string, earlier: string) => {
    if (!mapped.has(later) || !mapped.has(earlier)) return;
    // which of the two is wrong cannot be told: both load as exported, and metrics of the span leave the row out
    rules.push(`SELECT _line, ${header(later)}, ${valueName(later)},
      '${later} ' || CAST(${typedName(later)} AS DATE) || ' is before ${earlier} ' || CAST(${typedName(earlier)} AS DATE) || '; loaded as exported',
      'time_order', 'value', NULL
      FROM sj_typed WHERE _problem IS NULL AND CAST(${typedName(later)} AS DATE) < CAST(${typedName(earlier)} AS DATE)
        -- a date out of range is set aside: there is no order left to flag
        AND sj_in_range(CAST(${typedName(later)} AS TIMESTAMP)) AND sj_in_range(CAST(${typedName(earlier)} AS TIMESTAMP))`);
  };
  if (entity.name === "opportunities") {
    order("closed_at", "created_at");
    if (mapped.has("outcome") && mapped.has("stage")) {
      rules.push(`SELECT _line, ${header("outcome")}, ${valueName("outcome")},
        'outcome "' || ${typedName("outcome")} || '" contradicts stage "' || ${typedName("stage")} || '"; the outcome is taken from the stage',
        'outcome_conflict', 'value', 'outcome'
        FROM sj_typed JOIN sj_stage_kinds k ON k.stage = ${typedName("stage")}
        WHERE _problem IS NULL AND k.kind <> 'open' AND ${typedName("outcome")} <> k.kind`);
    }
  }
  if (entity.name === "leads") order("converted_at", "created_at");
  if (entity.name === "tickets") order("resolved_at", "opened_at");
  return rules;
}

export type Run = (sql: string, values?: Record<string, string | number>) => Promise<unknown>;

/** With SHANGJI_PROFILE set, each statement's time goes to stderr: the benchmark's view inside an ingest. */
function profiled(connection: DuckDBConnection): Run {
  if (!process.env.SHANGJI_PROFILE) return (sql, values) => connection.run(sql, values);
  return async (sql, values) => {
    const started = performance.now();
    const result = await connection.run(sql, values);
    const label = sql.trim().split("\n")[0].slice(0, 70);
    process.stderr.write(`  ${((performance.now() - started) / 1000).toFixed(3)} s  ${label}\n`);
    return result;
  };
}
