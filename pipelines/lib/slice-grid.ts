import type {DuckDBConnection, DuckDBValue} from "@duckdb/node-api";
import {createHash} from "node:crypto";
import type {Filters, Period, PipelineResult} from "./context.ts";
import {FILTER_COLUMNS} from "./filter-condition.ts";
import {OPPORTUNITY_SCOPE} from "./opportunity-scope.ts";
import {readRows} from "./read-rows.ts";

/**
 * Every period × filter choice a page shows, for pipelines that compute them all in one grouped query
 * instead of once each. A choice sets at most one filter (the site's filter bar combines none).
 */
export interface SliceGrid {
  connection: DuckDBConnection;
  now: string;
  periods: Period[];
  choices: Filters[];
  /** a temporary table holding the grid's slice_members, made by withMembersTable; derived in each query without */
  members?: string;
}

/**
 * A query scoped to every filter choice of a grid at once instead of to one slice's filters: its rows carry
 * `choice_index`, and it runs after sliceGridSql's CTEs (its period is still the query's own).
 */
export const EACH_CHOICE = "each choice";
export type ChoiceScope = Filters | undefined | typeof EACH_CHOICE;

/** The choice_index column, then a comma, for a query scoped to EACH_CHOICE; nothing for one filter. */
export function choiceColumn(scope: ChoiceScope, alias = ""): string {
  return scope === EACH_CHOICE ? `${alias ? `${alias}.` : ""}choice_index, ` : "";
}

/** A grouped pipeline's results: one per period, then one per choice, in the grid's order. */
export type SliceResults<Row> = PipelineResult<Row>[][];

/** From the first day of the earliest period to the end of the latest: what a grouped query reads once. */
export function gridSpan(grid: SliceGrid): Period {
  const starts = grid.periods.map((p) => p.start).sort();
  const ends = grid.periods.map((p) => p.end).sort();
  return {start: starts[0], end: ends[ends.length - 1]};
}

/**
 * CTEs `slice_periods` (period_index, start_at, end_at) and `slice_members` (opportunity_id, choice_index:
 * each opportunity once per choice whose filter it passes), with their bound parameters. A query joins its
 * rows to both on its own time column and groups by period_index, choice_index.
 */
export function sliceGridSql(grid: SliceGrid): {sql: string; params: Record<string, DuckDBValue>} {
  const params: Record<string, DuckDBValue> = {};
  const periods = grid.periods.map((period, i) => {
    params[`slice_start_${i}`] = period.start;
    params[`slice_end_${i}`] = period.end;
    return `(${i}, $slice_start_${i}::TIMESTAMP, $slice_end_${i}::TIMESTAMP)`;
  });
  const dimensions = new Set<keyof Filters>();
  const choices = grid.choices.map((filters, i) => {
    const set = (Object.keys(filters) as (keyof Filters)[]).filter((key) => filters[key] !== undefined);
    if (set.length > 1) throw new Error("a slice grid's choice sets at most one filter");
    if (set.length === 0) return `(${i}, 'all')`;
    dimensions.add(set[0]);
    params[`slice_choice_${i}`] = `${set[0]}=${filters[set[0]]}`;
    return `(${i}, $slice_choice_${i}::VARCHAR)`;
  });
  const keys = ["'all'", ...[...dimensions].map((key) => `'${key}=' || f.${FILTER_COLUMNS[key]}`)];
  const sql = `slice_periods AS (
  SELECT * FROM (VALUES ${periods.join(", ")}) AS t(period_index, start_at, end_at)
),
slice_choices AS (
  SELECT * FROM (VALUES ${choices.join(", ")}) AS t(choice_index, choice_key)
),
slice_members AS (${
    grid.members
      ? `
  SELECT opportunity_id, choice_index FROM ${grid.members}`
      : `
  -- an opportunity's keys, one per dimension chosen on: joined on equality, not on a disjunction
  SELECT m.opportunity_id, c.choice_index
  FROM (SELECT f.opportunity_id, unnest([${keys.join(", ")}]) AS choice_key FROM ${OPPORTUNITY_SCOPE} f) m
  JOIN slice_choices c ON c.choice_key = m.choice_key`
  }
)`;
  return {sql, params};
}

/**
 * The grid with its slice_members computed once into a temporary table of its connection, for a page that runs
 * many grouped queries on it: each would otherwise derive the members again (about 50 ms at 100,000
 * opportunities). The table is named after the grid's choices and replaced by the next grid with the same
 * choices on the connection, so it is current as long as the warehouse does not change within one page's data.
 */
export async function withMembersTable(grid: SliceGrid): Promise<SliceGrid> {
  const {members: _members, ...derived} = grid;
  const slices = sliceGridSql(derived);
  const table = `slice_members_${createHash("sha1").update(JSON.stringify(grid.choices)).digest("hex").slice(0, 12)}`;
  await grid.connection.run(
    `CREATE OR REPLACE TEMP TABLE ${table} AS WITH ${slices.sql} SELECT opportunity_id, choice_index FROM slice_members`,
    slices.params
  );
  return {...grid, members: table};
}

/** Rows carrying period_index and choice_index, split into the grid's results (rows in their given order). */
export function splitBySlice<Row>(
  grid: SliceGrid,
  rows: (Row & {period_index: number; choice_index: number})[],
  missing: string[] = []
): SliceResults<Row> {
  const results = grid.periods.map(() => grid.choices.map((): PipelineResult<Row> => ({rows: [], missing})));
  for (const {period_index, choice_index, ...row} of rows) results[period_index][choice_index].rows.push(row as Row);
  return results;
}

/**
 * `rows` (a table or subquery with `opportunity_id`, alias `t`) once per choice it counts in, with `choice_index`:
 * under "all" every row, under a filter the rows of the opportunities that pass it. After sliceGridSql's CTEs.
 */
export function byOpportunityChoiceSql(rows: string): string {
  return `(SELECT sc.choice_index, t.* FROM ${rows} t JOIN slice_choices sc ON sc.choice_key = 'all'
    UNION ALL
    SELECT m.choice_index, t.* FROM ${rows} t
    JOIN slice_members m ON m.opportunity_id = t.opportunity_id
    JOIN slice_choices sc ON sc.choice_index = m.choice_index AND sc.choice_key <> 'all')`;
}

/**
 * `rows` (a table or subquery with `account_id`, alias `t`) once per choice it counts in, with `choice_index`: under
 * "all" every row, under a filter the rows of the accounts with an opportunity that passes it. After sliceGridSql's
 * CTEs.
 */
export function byAccountChoiceSql(rows: string): string {
  return `(SELECT sc.choice_index, t.* FROM ${rows} t JOIN slice_choices sc ON sc.choice_key = 'all'
    UNION ALL
    SELECT a.choice_index, t.* FROM ${rows} t JOIN (
      SELECT DISTINCT m.choice_index, f.account_id FROM ${OPPORTUNITY_SCOPE} f
      JOIN slice_members m ON m.opportunity_id = f.opportunity_id
      JOIN slice_choices sc ON sc.choice_index = m.choice_index AND sc.choice_key <> 'all'
    ) a ON a.account_id = t.account_id)`;
}

/** A query scoped to EACH_CHOICE (it starts `WITH`) with sliceGridSql's CTEs put first. */
export function withSliceGrid(slices: string, sql: string): string {
  const start = sql.search(/\bWITH\b/);
  if (start < 0) throw new Error("a query scoped to each choice starts WITH");
  return `${sql.slice(0, start)}WITH ${slices},${sql.slice(start + 4)}`;
}

/**
 * A query scoped to EACH_CHOICE run after the grid's CTEs (`slices`, from sliceGridSql, bound with `params`), its
 * rows split into one list per choice of the grid.
 */
export async function readEachChoice<Row>(
  grid: SliceGrid,
  slices: {sql: string; params: Record<string, DuckDBValue>},
  sql: string,
  params: Record<string, DuckDBValue> = {}
): Promise<Row[][]> {
  const rows = await readRows<Row & {choice_index: number}>(grid.connection, withSliceGrid(slices.sql, sql), {
    ...slices.params,
    ...params
  });
  return splitByChoice(grid, rows);
}

/** Rows carrying choice_index, split into one list per choice of the grid (rows in their given order). */
export function splitByChoice<Row>(grid: SliceGrid, rows: (Row & {choice_index: number})[]): Row[][] {
  const lists = grid.choices.map((): Row[] => []);
  for (const {choice_index, ...row} of rows) lists[choice_index].push(row as Row);
  return lists;
}
