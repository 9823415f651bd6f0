import {existsSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {PAGES} from "../../src/locales/common.js";

/**
 * The pages of a built site as paths without ".html": the sidebar's pages, then one per rep and per
 * channel (reps/R001, channels/referral) as the build found them in the warehouse.
 */
export function sitePages(dist: string): string[] {
  const dynamic = ["reps", "channels"].flatMap((folder) =>
    existsSync(join(dist, folder))
      ? readdirSync(join(dist, folder))
          .filter((name) => name.endsWith(".html"))
          .sort()
          .map((name) => `${folder}/${name.slice(0, -".html".length)}`)
      : []
  );
  return [...PAGES, ...dynamic];
}
