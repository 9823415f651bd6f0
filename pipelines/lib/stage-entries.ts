import type {DuckDBConnection} from "@duckdb/node-api";

/**
 * Stage events — grain: one row per piece of evidence that an opportunity was in a stage from a moment
 * on (several may repeat the same stage): opportunity_id, stage, stage_kind, stage_order, entered_at,
 * tie (orders events at the same instant), source. Where they come from, per opportunity:
 * - `stage_history` rows (source `history`), taken as they are;
 * - ingest snapshots (source `snapshot`) dated at their export — the stage was reached by then — for
 *   opportunities without history and for exports after the history's last row; exports after a close only
 *   repeat (or contradict) the close and are left out;
 * - without history, the first stage seen (first snapshot, else the current stage) dated back to
 *   `created_at` (source `created`), unless it is already won or lost: the open stages it passed are unknown
 *   and none is invented;
 * - for a won or lost opportunity whose history has no won or lost row, its closing stage at `closed_at`
 *   (source `closed`), never before its last history row (a close date without a time is midnight).
 * Cheap (no window): enough for "furthest stage reached" and "stage at a date" (the last event before it).
 */
export const STAGE_EVENTS_SQL = `
WITH history_span AS (
  SELECT h.opportunity_id, max(h.entered_at) AS last_entered_at, bool_or(st.kind <> 'open') AS has_closing_entry
  FROM stage_history h JOIN stages st ON st.stage = h.stage
  GROUP BY h.opportunity_id
),
known AS (
  SELECT o.opportunity_id, o.stage, o.created_at, o.closed_at, st.kind, hs.last_entered_at,
    coalesce(hs.has_closing_entry, false) AS has_closing_entry
  FROM opportunities o
  JOIN stages st ON st.stage = o.stage
  LEFT JOIN history_span hs ON hs.opportunity_id = o.opportunity_id
),
history AS (
  SELECT opportunity_id, stage, entered_at, 1 AS tie, 'history' AS source FROM stage_history
),
snapshots AS (
  -- snapshots fill in what the history does not cover; an export after the close only repeats the close
  SELECT s.opportunity_id, s.stage, s.exported_at AS entered_at, 3 AS tie, 'snapshot' AS source
  FROM opportunity_snapshots s JOIN known k ON k.opportunity_id = s.opportunity_id
  WHERE (k.last_entered_at IS NULL OR s.exported_at > k.last_entered_at)
    AND (k.kind = 'open' OR k.closed_at IS NULL OR s.exported_at <= k.closed_at)
),
first_seen AS (
  SELECT opportunity_id, arg_min(stage, exported_at) AS stage FROM opportunity_snapshots GROUP BY opportunity_id
),
created AS (
  -- without history the first stage seen is dated back to creation, unless it is already won or lost
  SELECT k.opportunity_id, coalesce(f.stage, k.stage) AS stage, k.created_at AS entered_at, 0 AS tie, 'created' AS source
  FROM known k
  LEFT JOIN first_seen f ON f.opportunity_id = k.opportunity_id
  JOIN stages st ON st.stage = coalesce(f.stage, k.stage)
  WHERE st.kind = 'open' AND k.last_entered_at IS NULL
),
closed AS (
  -- the close date dates the closing entry unless the history has one, never before the history's last row
  SELECT opportunity_id, stage, greatest(closed_at, last_entered_at) AS entered_at, 2 AS tie, 'closed' AS source
  FROM known
  WHERE kind <> 'open' AND closed_at IS NOT NULL AND NOT has_closing_entry
),
events AS (
  SELECT * FROM history UNION ALL SELECT * FROM snapshots UNION ALL SELECT * FROM created UNION ALL SELECT * FROM closed
),
final AS (
  SELECT e.opportunity_id, e.stage, st.kind AS stage_kind, st.stage_order, e.entered_at, e.tie, e.source
  FROM events e JOIN stages st ON st.stage = e.stage
)
SELECT * FROM final`;

/**
 * Stage entries — grain: one row per opportunity per stage entered, in order — from the stage events
 * (STAGE_EVENTS_SQL) with the events that repeat the stage the opportunity is already in dropped, so a
 * stage appears again only when the opportunity really came back to it (a backward move, a reopening).
 * The basis of the transition matrix, time in stage and stuck opportunities.
 *
 * Columns: opportunity_id, entry_index (1, 2 …), stage, stage_kind, stage_order, entered_at, next_stage,
 * next_stage_order, next_entered_at (null for the current stage), source.
 */
export const STAGE_ENTRIES_SQL = `
WITH sequenced AS (
  SELECT *, lag(stage) OVER (PARTITION BY opportunity_id ORDER BY entered_at, tie) AS previous_stage FROM stage_events
),
entries AS (
  -- an event repeating the stage the opportunity is already in is no new entry
  SELECT * FROM sequenced WHERE previous_stage IS DISTINCT FROM stage
),
final AS (
  SELECT opportunity_id,
    (row_number() OVER w)::INTEGER AS entry_index,
    stage, stage_kind, stage_order, entered_at,
    lead(stage) OVER w AS next_stage,
    lead(stage_order) OVER w AS next_stage_order,
    lead(entered_at) OVER w AS next_entered_at,
    source
  FROM entries
  WINDOW w AS (PARTITION BY opportunity_id ORDER BY entered_at, tie)
)
SELECT * FROM final`;

/**
 * Makes the TEMP VIEWs `stage_events` and `stage_entries` available on the connection (see
 * STAGE_EVENTS_SQL and STAGE_ENTRIES_SQL for their grain and sources). Existing ones are left in place,
 * so `withStageEntries` can have several pipelines read one computed table.
 *
 * @example
 * await ensureStageEntries(connection);
 * await connection.runAndReadAll(`SELECT stage, count(*) FROM stage_entries GROUP BY stage`);
 */
export async function ensureStageEntries(connection: DuckDBConnection): Promise<void> {
  await connection.run(`CREATE TEMP VIEW IF NOT EXISTS stage_events AS ${STAGE_EVENTS_SQL}`);
  await connection.run(`CREATE TEMP VIEW IF NOT EXISTS stage_entries AS ${STAGE_ENTRIES_SQL}`);
}

/**
 * Runs `work` with `stage_events` — and `stage_entries` unless `eventsOnly` — computed once into TEMP
 * TABLEs, worth it when several pipelines read them from a large warehouse, and drops the tables
 * afterwards, so later reads see the warehouse as it is then. Tables already there (an outer call) are
 * used as they are. Run the work's queries one after another: a connection runs one at a time.
 *
 * @example
 * const funnel = await withStageEntries(connection, async () => [await cohortFunnel(ctx), await transitionMatrix(ctx)]);
 */
export async function withStageEntries<T>(
  connection: DuckDBConnection,
  work: () => Promise<T>,
  options: {eventsOnly?: boolean} = {}
): Promise<T> {
  const existing = await connection.runAndReadAll(
    `SELECT table_name, table_type FROM information_schema.tables
     WHERE table_catalog = 'temp' AND table_name IN ('stage_events', 'stage_entries')`
  );
  const types = new Map(existing.getRows().map(([name, type]) => [String(name), String(type)]));
  const created: string[] = [];
  try {
    for (const [name, sql] of [
      ["stage_events", STAGE_EVENTS_SQL],
      ["stage_entries", STAGE_ENTRIES_SQL]
    ] as const) {
      // a temporary table is listed as LOCAL TEMPORARY
      const isTable = types.has(name) && types.get(name) !== "VIEW";
      if (isTable || (name === "stage_entries" && options.eventsOnly)) continue;
      if (types.get(name) === "VIEW") await connection.run(`DROP VIEW temp.main.${name}`);
      await connection.run(`CREATE TEMP TABLE ${name} AS ${sql}`);
      created.push(name);
    }
    return await work();
  } finally {
    for (const name of created.reverse()) await connection.run(`DROP TABLE temp.main.${name}`);
  }
}
