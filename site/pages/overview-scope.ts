import type {DuckDBConnection} from "@duckdb/node-api";
import {readRows} from "../../warehouse/read-rows.ts";
import {channelSlug, repSlug} from "../read-dynamic-paths.ts";
import type {FilterChoice} from "../site-filters.ts";

/** A row of an unfiltered "as of now" list: whose it is and where it came from. */
export interface OwnedRow {
  owner_rep_id: string | null;
  source: string | null;
}

/** What the overview looks up per row: whether a filter choice keeps it, and a rep's page. */
export interface OverviewScope {
  /** keeps the rows a filter choice selects, the way filterCondition narrows opportunities */
  matches(choice: FilterChoice): (row: OwnedRow) => boolean;
  /** the rep's page, relative to the site root ("rep.html?id=R001"); null when the site has none for the rep */
  repPath(repId: string): string | null;
  /** the channel's page ("channels/referral.html"); null when the site builds none for it */
  channelPath(source: string | null): string | null;
}

/**
 * Reads the reps (team, region), so that the overview can run an "as of now" list once and pick each
 * filter's rows out of it — team and region are the owner's, channel is the source — and which reps and
 * channels have a page of their own to link to.
 */
export async function readOverviewScope(connection: DuckDBConnection): Promise<OverviewScope> {
  const reps = await readRows<{rep_id: string; team: string | null; region: string | null}>(
    connection,
    `SELECT rep_id, team, region FROM reps`
  );
  // the site builds a page per rep owning opportunities and per opportunity source (readDynamicPaths)
  const owners = await readRows<{rep_id: string}>(
    connection,
    `SELECT DISTINCT owner_rep_id AS rep_id FROM opportunities WHERE owner_rep_id IS NOT NULL`
  );
  const sources = await readRows<{source: string}>(
    connection,
    `SELECT DISTINCT source FROM opportunities WHERE source IS NOT NULL`
  );
  const withChannelPage = new Set(sources.map((row) => row.source));
  const byId = new Map(reps.map((rep) => [rep.rep_id, rep]));
  const withPage = new Set(owners.map((owner) => owner.rep_id));
  return {
    matches:
      ({dimension, value}) =>
      (row) => {
        if (dimension === null) return true;
        if (dimension === "channel") return row.source === value;
        const rep = row.owner_rep_id === null ? undefined : byId.get(row.owner_rep_id);
        return rep !== undefined && rep[dimension] === value;
      },
    repPath: (repId) => (withPage.has(repId) ? `rep.html?id=${encodeURIComponent(repSlug(repId))}` : null),
    channelPath: (source) =>
      source !== null && withChannelPage.has(source) ? `channels/${channelSlug(source)}.html` : null
  };
}

/** Results shared by every slice asking with the same key (a period's unfiltered pipeline run). */
export function resultCache<T>(): (key: string, compute: () => Promise<T>) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key, compute) => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key)!;
  };
}
