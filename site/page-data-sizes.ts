import {readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";

/** One built page and the data files it loads: the figure "no page loads more than 500 KB of data" is about. */
export interface PageDataSize {
  page: string;
  /**
   * bytes of the data files (FileAttachments) the page loads for one view: all it registers, except that
   * of its per-period files (in a `…-period/` folder, period-files.ts) and of the rep pages' shards
   * (rep-pages/, one per view) only the largest counts, and the cube's
   * files (data/cube.json, data/cube-reps…) none: a page loads those for a combined filter only, and only as
   * many as keep the whole view within its budget (src/components/cube-filter.js)
   */
  dataBytes: number;
  largestFile: string | null;
  largestBytes: number;
}

const REGISTER_FILE = /registerFile\("[^"]*", (\{[^{}]*\})\)/g;
const ALTERNATIVE = /(-period|\/rep-pages)\/[^/]+$/;
const ON_DEMAND = /_file\/data\/(cube\.[^/]+\.json$|cube-reps(-period)?\/)/;

/** Per built page (.html under `folder`), the size of the data files it loads for one view, largest first. */
export function pageDataSizes(folder: string): PageDataSize[] {
  const pages = readdirSync(folder, {recursive: true, withFileTypes: true}).filter(
    (e) => e.isFile() && e.name.endsWith(".html")
  );
  return pages
    .map((entry) => {
      const file = join(entry.parentPath, entry.name);
      const sizes = [...readFileSync(file, "utf8").matchAll(REGISTER_FILE)]
        .map((m) => JSON.parse(m[1]) as {path: string; size: number})
        .filter((f) => f.path.includes("_file/") && !ON_DEMAND.test(f.path));
      const fixed = sizes.filter((f) => !ALTERNATIVE.test(f.path));
      const alternatives = sizes.filter((f) => ALTERNATIVE.test(f.path));
      const largestOf = (list: {path: string; size: number}[]) =>
        list.reduce<{path: string; size: number} | null>(
          (max, f) => (max === null || f.size > max.size ? f : max),
          null
        );
      const largest = largestOf(sizes);
      return {
        page: relative(folder, file).replace(/\\/g, "/"),
        dataBytes: fixed.reduce((sum, f) => sum + f.size, 0) + (largestOf(alternatives)?.size ?? 0),
        largestFile: largest ? largest.path.replace(/^(\.\.?\/)+/, "") : null,
        largestBytes: largest?.size ?? 0
      };
    })
    .sort((a, b) => b.dataBytes - a.dataBytes || a.page.localeCompare(b.page));
}

/** Data loaders' run times from `observable build` output ("load /data/x.json → success 2 kB in 812ms"). */
export function loaderTimings(output: string): {loader: string; seconds: number}[] {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, "");
  return [...plain.matchAll(/load (\S+) → success .*? in (\d+)ms/g)]
    .map((m) => ({loader: m[1], seconds: Number(m[2]) / 1000}))
    .sort((a, b) => b.seconds - a.seconds);
}
