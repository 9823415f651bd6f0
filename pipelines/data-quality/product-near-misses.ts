import type {PipelineContext, PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {readRows} from "../lib/read-rows.ts";
import {productNearMissesSql, type ProductNearMiss} from "../../warehouse/schema/references.ts";

export type ProductNearMissRow = ProductNearMiss;

/**
 * Product near misses: products of deals and quotes that are not in the catalogue by id or name, but are
 * once case, spaces and punctuation are ignored — `GTXPro`, `gtx-pro` or ` GTX  Pro ` for `GTX Pro` — with
 * the catalogue name each probably means and how many opportunities and quotes carry it. Why it matters: a
 * product spelt two ways is two products in every breakdown, and nothing renames it silently; an alias
 * under "products" in a mapping file joins them at the next load. The check ingest runs, repeated read-only
 * on the warehouse as it is now.
 *
 * Input: products, opportunities, quotes. The period and filters are not used. Output grain: one row per
 * product value, the most carried first; a value two products could match is not listed (it stays an
 * orphan reference). Without a products catalogue nothing is checked, and nothing listed: the catalogue is
 * optional, and tableRowCounts shows it was not exported.
 *
 * @example
 * const {rows} = await productNearMisses(ctx);
 * // [{value: "GTXPro", probable_name: "GTX Pro", n_opportunities: 12, n_quotes: 3}, …]
 */
export async function productNearMisses(ctx: PipelineContext): Promise<PipelineResult<ProductNearMissRow>> {
  if ((await missingTables(ctx.connection, ["products"])).length) return {rows: [], missing: []};
  return {rows: await readRows<ProductNearMissRow>(ctx.connection, productNearMissesSql()), missing: []};
}
