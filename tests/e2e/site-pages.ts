import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {PAGES} from "../../src/locales/common.js";

/**
 * The pages of a built site as paths without ".html": the sidebar's pages, then one per rep (reps/R001, shown
 * by rep.html?id=R001: pageUrl) and per channel (channels/referral), as the build found them in the warehouse.
 */
export function sitePages(dist: string): string[] {
  const shards = join(dist, "_file", "data", "rep-pages");
  const reps = existsSync(shards)
    ? readdirSync(shards)
        .flatMap((file) => Object.keys(JSON.parse(readFileSync(join(shards, file), "utf8"))))
        .sort()
        .map((slug) => `reps/${slug}`)
    : [];
  const channels = existsSync(join(dist, "channels"))
    ? readdirSync(join(dist, "channels"))
        .filter((name) => name.endsWith(".html"))
        .sort()
        .map((name) => `channels/${name.slice(0, -".html".length)}`)
    : [];
  return [...PAGES, ...reps, ...channels];
}
