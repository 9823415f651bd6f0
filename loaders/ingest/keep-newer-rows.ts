import type {DuckDBConnection} from "@duckdb/node-api";
import {ENTITIES, ENTITY_NAMES, type Entity} from "../../warehouse/schema/entities.ts";
import {REMOVED_OPPORTUNITIES} from "../../warehouse/ddl.ts";
import type {Run} from "./load-batch.ts";

/*
 * Which export a row comes from decides which row stays: the newest export's, whatever the order the exports
 * arrive in. A file's rows replace the rows of the same key at once (later files of the ingest may read them,
 * as deals read their leads); the rows they replaced are held in sj_replaced_<entity> until the export is
 * dated, and then win back where their export was the newer one. Within one ingest, of two files holding a key
 * the one whose newest record is newer wins, then the later file.
 */
const replaced = (entity: string) => `sj_replaced_${entity}`;

/** Empty holding tables for the rows an ingest's files replace, made before it loads anything. */
export async function prepareReplacedRows(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    [
      ...ENTITY_NAMES.map((name) => `CREATE OR REPLACE TEMP TABLE ${replaced(name)} AS SELECT * FROM ${name} LIMIT 0;`),
      `CREATE OR REPLACE TEMP TABLE sj_file_versions (file VARCHAR, seq INTEGER, newest_at TIMESTAMP);`
    ].join("\n")
  );
}

/** Moves the rows `sj_good` replaces (an opportunity removed earlier included) into the holding table. */
export async function setAsideReplacedRows(run: Run, entity: Entity, file: string, columns: string[]): Promise<void> {
  const happened = entity.columns.filter((c) => c.happened && columns.includes(c.name));
  const newest = happened.length
    ? `(SELECT max(list_max([${happened.map((c) => `CAST(${c.name} AS TIMESTAMP)`).join(", ")}])) FROM sj_good)`
    : "NULL";
  await run(`INSERT INTO sj_file_versions SELECT $file, (SELECT count(*) FROM sj_file_versions), ${newest}`, {file});
  const sameKey = (table: string) => entity.key.map((k) => `${table}.${k} = sj_good.${k}`).join(" AND ");
  const tables = entity.name === "opportunities" ? [entity.name, REMOVED_OPPORTUNITIES] : [entity.name];
  for (const table of tables) {
    const extra = table === REMOVED_OPPORTUNITIES ? " EXCLUDE (removed_at, removed_ingest_id)" : "";
    await run(`INSERT INTO ${replaced(entity.name)} BY NAME
      SELECT t.*${extra} FROM ${table} t SEMI JOIN sj_good ON ${sameKey("t")}`);
    await run(`DELETE FROM ${table} USING sj_good WHERE ${sameKey(table)}`);
  }
}

/**
 * Once the export is dated: a row it replaced that came from a newer export (or, within the ingest, from a
 * file with newer records) takes its place again. Returns how many rows of each table the newer exports kept.
 */
export async function keepNewerRows(
  connection: DuckDBConnection,
  ingestId: number,
  exportedAt: string
): Promise<{table: string; rows: number}[]> {
  const values = {ingest: ingestId, exported: exportedAt.replace("Z", "")};
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE sj_row_versions AS
     SELECT ingest_id, exported_at FROM ingests UNION ALL SELECT $ingest, CAST($exported AS TIMESTAMP)`,
    values
  );
  const kept: {table: string; rows: number}[] = [];
  for (const name of ENTITY_NAMES) {
    const entity = ENTITIES[name];
    const keys = entity.key.join(", ");
    const same = (a: string, b: string) => entity.key.map((k) => `${a}.${k} = ${b}.${k}`).join(" AND ");
    const row = (a: string, b: string) =>
      `${same(a, b)} AND ${a}._ingest_id = ${b}._ingest_id AND ${a}._file = ${b}._file AND ${a}._line = ${b}._line`;
    // the usual case, a newer export replacing older rows, has nothing to weigh
    const [[contested]] = (
      await connection.runAndReadAll(
        `SELECT count(*)::INTEGER FROM ${replaced(name)} r JOIN sj_row_versions v ON v.ingest_id = r._ingest_id
         WHERE r._ingest_id = $ingest OR v.exported_at > CAST($exported AS TIMESTAMP)`,
        values
      )
    ).getRowsJS();
    if (Number(contested) === 0) continue;
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE sj_restored AS
       WITH candidates AS (
         SELECT ${keys}, _ingest_id, _file, _line, false AS held FROM ${name} e
         WHERE _ingest_id = $ingest AND EXISTS (SELECT 1 FROM ${replaced(name)} r WHERE ${same("r", "e")})
         UNION ALL
         SELECT ${keys}, _ingest_id, _file, _line, true FROM ${replaced(name)}
       ),
       winners AS (
         SELECT c.* FROM candidates c
         JOIN sj_row_versions v ON v.ingest_id = c._ingest_id
         LEFT JOIN sj_file_versions f ON c._ingest_id = $ingest AND f.file = c._file
         QUALIFY row_number() OVER (PARTITION BY ${entity.key.map((k) => `c.${k}`).join(", ")}
           ORDER BY v.exported_at DESC, c._ingest_id DESC, f.newest_at DESC NULLS LAST, f.seq DESC) = 1
       )
       SELECT r.* FROM ${replaced(name)} r SEMI JOIN winners w ON w.held AND ${row("w", "r")}`,
      {ingest: ingestId}
    );
    const [[restored]] = (await connection.runAndReadAll(`SELECT count(*)::INTEGER FROM sj_restored`)).getRowsJS();
    if (Number(restored) === 0) continue;
    await connection.run(`DELETE FROM ${name} USING sj_restored WHERE ${same(name, "sj_restored")}`);
    await connection.run(`INSERT INTO ${name} BY NAME SELECT * FROM sj_restored`);
    const [[older]] = (
      await connection.runAndReadAll(`SELECT count(*)::INTEGER FROM sj_restored WHERE _ingest_id <> $ingest`, {
        ingest: ingestId
      })
    ).getRowsJS();
    if (Number(older) > 0) kept.push({table: name, rows: Number(older)});
  }
  return kept;
}

/** This ingest's rows of opportunities, the ones a later file of it replaced included: what its export held. */
export const INGEST_OPPORTUNITY_ROWS = `
  SELECT o.* FROM (
    SELECT * FROM opportunities WHERE _ingest_id = $ingest
    UNION ALL BY NAME SELECT * FROM ${replaced("opportunities")} WHERE _ingest_id = $ingest
  ) o
  LEFT JOIN sj_file_versions f ON f.file = o._file
  QUALIFY row_number() OVER (PARTITION BY o.opportunity_id ORDER BY f.newest_at DESC NULLS LAST, f.seq DESC) = 1`;
