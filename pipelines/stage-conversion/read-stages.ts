import type {DuckDBConnection} from "@duckdb/node-api";
import {readRows} from "../lib/read-rows.ts";

/** One stage of the configured stage model (the `stages` table). */
export interface ConfiguredStage {
  stage: string;
  kind: "open" | "won" | "lost";
  stage_order: number;
  /** probability configured for the stage, 0–1, when the model has one */
  probability: number | null;
}

/** The stage model in funnel order (open stages first, then won and lost, which share the last position). */
export async function readStages(connection: DuckDBConnection): Promise<ConfiguredStage[]> {
  return readRows<ConfiguredStage>(
    connection,
    `SELECT stage, kind, stage_order, probability FROM stages
     ORDER BY stage_order, CASE kind WHEN 'open' THEN 0 WHEN 'won' THEN 1 ELSE 2 END, stage`
  );
}
