import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {readRows} from "../lib/read-rows.ts";

export interface RemovedOpportunityRow {
  opportunity_id: string;
  /** the stage and outcome of the last export that held it */
  stage: string | null;
  outcome: string | null;
  owner_rep_id: string | null;
  amount: number | null;
  currency: string | null;
  /** the export that last held it */
  last_exported_at: string;
  /** the first full export without it */
  removed_at: string;
}

/**
 * Opportunities a full export no longer held: deleted or merged in the CRM. Why it matters: they have left
 * every metric (an open one left the pipeline), and a deal removed by mistake is only noticed here.
 *
 * Input: removed_opportunities and ingests. The period and filters are not used. Output grain: one row per
 * removed opportunity, the latest removed first.
 *
 * @example
 * const {rows} = await removedOpportunities(ctx);
 * // [{opportunity_id: "O3", stage: "intent", outcome: "open", removed_at: "2024-07-01T00:00:00Z", …}]
 */
export async function removedOpportunities(ctx: PipelineContext): Promise<PipelineResult<RemovedOpportunityRow>> {
  const rows = await readRows<RemovedOpportunityRow>(
    ctx.connection,
    `SELECT r.opportunity_id, r.stage, r.outcome, r.owner_rep_id, r.amount, r.currency,
       i.exported_at AS last_exported_at, r.removed_at
     FROM removed_opportunities r JOIN ingests i ON i.ingest_id = r._ingest_id
     ORDER BY r.removed_at DESC, r.opportunity_id`
  );
  return {rows, missing: []};
}
