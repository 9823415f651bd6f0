import type {DuckDBConnection} from "@duckdb/node-api";
import {REP_PAGE_SHARDS, repShard} from "../../src/components/rep-shard.js";
import {repSlug} from "../read-dynamic-paths.ts";
import {readRepPages, repData, type RepData} from "./rep-data.ts";

/**
 * The rep pages' data as the files rep.html loads one of: `data/rep-pages/NN.json` holds, by page name
 * (repSlug), the data of every rep whose name falls in shard NN (repShard), `{}` for a shard without one.
 * One page for all reps, not one per rep: Framework renders each page it builds, and that cost grew with the
 * number of reps. `shard` computes that shard's reps only (a preview's data loader).
 */
export async function repPageFiles(
  connection: DuckDBConnection,
  shard?: string
): Promise<Record<string, Record<string, RepData>>> {
  const pages = await readRepPages(connection);
  const files: Record<string, Record<string, RepData>> = {};
  for (let i = 0; i < REP_PAGE_SHARDS; i++) {
    const name = String(i).padStart(2, "0");
    if (shard === undefined || shard === name) files[repPageFile(name)] = {};
  }
  for (const owner of pages.owners) {
    const slug = repSlug(owner.rep_id);
    const file = files[repPageFile(repShard(slug))];
    if (file) file[slug] = await repData(connection, slug, pages);
  }
  return files;
}

function repPageFile(shard: string): string {
  return `data/rep-pages/${shard}.json`;
}
