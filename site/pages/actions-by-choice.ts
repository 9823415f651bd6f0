import type {DuckDBConnection} from "@duckdb/node-api";
import {followUpActionsByChoice, type FollowUpActionRow} from "../../pipelines/follow-up/follow-up-actions.ts";
import type {FollowUpOptions} from "../../pipelines/follow-up/follow-up-options.ts";
import type {PipelineResult} from "../../pipelines/lib/context.ts";
import {readByChoiceKey} from "../site-grid.ts";

/**
 * followUpActions of every filter choice of the site, read in one query, by the key of the choice's "as of
 * now" slice (`*|all`, `*|team=华北` …): what pageSlices gives a page computed once per filter.
 */
export async function readActionsByChoice(
  connection: DuckDBConnection,
  plan: Partial<FollowUpOptions>
): Promise<Map<string, PipelineResult<FollowUpActionRow>>> {
  return readByChoiceKey(connection, (grid) => followUpActionsByChoice(grid, plan));
}
