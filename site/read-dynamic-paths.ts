import type {DuckDBConnection} from "@duckdb/node-api";
import {createHash, createHmac} from "node:crypto";
import {existsSync} from "node:fs";
import {readRows} from "../warehouse/read-rows.ts";
import {openWarehouse, warehousePath} from "../warehouse/open-warehouse.ts";

/**
 * A channel's name as a path segment: the name itself when it is plain ASCII (referral, online_ads),
 * otherwise a stable hash ("c-1a2b3c4d") — names from exports may hold slashes, spaces or anything.
 * A password-protected site's build sets SHANGJI_SLUG_KEY: every name is then a keyed hash
 * ("c-1a2b3c4d5e6f") that reveals nothing without the passphrase.
 */
export function channelSlug(channel: string): string {
  const key = process.env.SHANGJI_SLUG_KEY;
  return key ? `c-${keyedHash(key, "channel", channel)}` : plainSlug(channel);
}

/** A rep's id as a path segment, with the same rule as channels ("r-…" with a key). */
export function repSlug(repId: string): string {
  const key = process.env.SHANGJI_SLUG_KEY;
  return key ? `r-${keyedHash(key, "rep", repId)}` : plainSlug(repId);
}

function plainSlug(value: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(value)
    ? value
    : `c-${createHash("sha1").update(value).digest("hex").slice(0, 8)}`;
}

function keyedHash(key: string, kind: string, value: string): string {
  return createHmac("sha256", Buffer.from(key, "hex")).update(`${kind}\0${value}`).digest("hex").slice(0, 12);
}

/** The opportunities' sources (channels), in order. */
export async function readChannels(connection: DuckDBConnection): Promise<string[]> {
  const rows = await readRows<{source: string}>(
    connection,
    `SELECT DISTINCT source FROM opportunities WHERE source IS NOT NULL ORDER BY 1`
  );
  return rows.map((row) => row.source);
}

/**
 * The parameterized pages to build: one per channel (/channels/<slug>). None when there is no warehouse yet.
 * Reps, who may be hundreds, share one page (rep.html?id=<slug>, site/pages/rep-page-files.ts).
 */
export async function readDynamicPaths(path = warehousePath()): Promise<string[]> {
  if (!existsSync(path)) return [];
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const channels = await readChannels(warehouse.connection);
    return channels.map((c) => `/channels/${channelSlug(c)}`);
  } finally {
    warehouse.close();
  }
}
