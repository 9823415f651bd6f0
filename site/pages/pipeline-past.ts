import type {DuckDBConnection} from "@duckdb/node-api";
import {missingTables} from "../../pipelines/lib/missing-tables.ts";
import {OPPORTUNITY_SCOPE_SQL} from "../../pipelines/lib/opportunity-scope.ts";
import {withStageEntries} from "../../pipelines/lib/stage-entries.ts";
import {openAsOfSql, type PipelineAsOfRow} from "../../pipelines/pipeline.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {sliceKey, type FilterChoice} from "../site-filters.ts";

export type PastPipelineRow = Pick<
  PipelineAsOfRow,
  "stage" | "currency" | "count_opportunities" | "amount" | "count_amount_current"
>;

/** Per date, per filter choice (keyed as `pastPipelineKey`), pipelineAsOf's rows. */
export interface PastPipelines {
  rows: Map<string, Map<string, PastPipelineRow[]>>;
  missing: string[];
}

export function pastPipelineKey(choice: FilterChoice): string {
  return sliceKey("*", choice);
}

/**
 * The open pipeline at the start of each of `dates` (before now), as pipelineAsOf reconstructs it, for
 * everything and for every team, region and channel at once: one query per date with grouping sets
 * instead of one per date and filter — the same reconstruction (openAsOfSql), a twentieth of the queries.
 */
export async function readPastPipelines(connection: DuckDBConnection, dates: string[]): Promise<PastPipelines> {
  const rows = new Map<string, Map<string, PastPipelineRow[]>>();
  await withStageEntries(
    connection,
    async () => {
      for (const date of dates) {
        const found = await readRows<PastPipelineRow & {dimension: FilterChoice["dimension"]; value: string | null}>(
          connection,
          `WITH open_then AS (${openAsOfSql("true")}),
           tagged AS (
             SELECT o.*, f.team, f.region, f.source
             FROM open_then o JOIN (${OPPORTUNITY_SCOPE_SQL}) f ON f.opportunity_id = o.opportunity_id
           ),
           final AS (
             SELECT
               CASE WHEN grouping(team) = 0 THEN 'team' WHEN grouping(region) = 0 THEN 'region'
                    WHEN grouping(source) = 0 THEN 'channel' END AS dimension,
               coalesce(team, region, source) AS value, stage, currency,
               count(*)::INTEGER AS count_opportunities,
               coalesce(sum(amount), 0)::DOUBLE AS amount,
               count(*) FILTER (WHERE amount_is_current)::INTEGER AS count_amount_current
             FROM tagged
             GROUP BY GROUPING SETS ((stage, currency), (team, stage, currency), (region, stage, currency), (source, stage, currency))
           )
           -- a filter value is never missing: rows without a team, region or source count only in "all"
           SELECT * FROM final WHERE dimension IS NULL OR value IS NOT NULL`,
          {as_of: date}
        );
        const byChoice = new Map<string, PastPipelineRow[]>();
        for (const {dimension, value, ...row} of found) {
          const key = pastPipelineKey({dimension, value});
          byChoice.set(key, [...(byChoice.get(key) ?? []), row]);
        }
        rows.set(date, byChoice);
      }
    },
    {eventsOnly: true}
  );
  return {rows, missing: await missingTables(connection, ["stage_history"])};
}
