import type {DuckDBConnection} from "@duckdb/node-api";
import {createHash} from "node:crypto";
import {existsSync} from "node:fs";
import {readRows} from "../warehouse/read-rows.ts";
import {openWarehouse, warehousePath} from "../warehouse/open-warehouse.ts";

/**
 * A channel's name as a path segment: the name itself when it is plain ASCII (referral, online_ads),
 * otherwise a stable hash ("c-1a2b3c4d") — names from exports may hold slashes, spaces or anything.
 */
export function channelSlug(channel: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(channel)
    ? channel
    : `c-${createHash("sha1").update(channel).digest("hex").slice(0, 8)}`;
}

/** Reps' ids as path segments, with the same rule as channels. */
export const repSlug = channelSlug;

/** The opportunities' sources (channels), in order. */
export async function readChannels(connection: DuckDBConnection): Promise<string[]> {
  const rows = await readRows<{source: string}>(
    connection,
    `SELECT DISTINCT source FROM opportunities WHERE source IS NOT NULL ORDER BY 1`
  );
  return rows.map((row) => row.source);
}

/** The reps owning opportunities, by id, in order. */
export async function readOwnerIds(connection: DuckDBConnection): Promise<string[]> {
  const rows = await readRows<{id: string}>(
    connection,
    `SELECT DISTINCT owner_rep_id AS id FROM opportunities WHERE owner_rep_id IS NOT NULL ORDER BY 1`
  );
  return rows.map((row) => row.id);
}

/**
 * The parameterized pages to build: one per rep owning opportunities (/reps/<id>) and one per channel
 * (/channels/<slug>). None when there is no warehouse yet.
 */
export async function readDynamicPaths(path = warehousePath()): Promise<string[]> {
  if (!existsSync(path)) return [];
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const reps = await readOwnerIds(warehouse.connection);
    const channels = await readChannels(warehouse.connection);
    return [...reps.map((id) => `/reps/${repSlug(id)}`), ...channels.map((c) => `/channels/${channelSlug(c)}`)];
  } finally {
    warehouse.close();
  }
}
