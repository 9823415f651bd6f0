import {readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";

/** One built page and the data files it loads: the figure "no page loads more than 500 KB of data" is about. */
export interface PageDataSize {
  page: string;
  /** bytes of all data files (FileAttachments) the page registers */
  dataBytes: number;
  largestFile: string | null;
  largestBytes: number;
}

const REGISTER_FILE = /registerFile\("[^"]*", (\{[^{}]*\})\)/g;

/** Per built page (.html under `folder`), the size of the data files it registers, largest first. */
export function pageDataSizes(folder: string): PageDataSize[] {
  const pages = readdirSync(folder, {recursive: true, withFileTypes: true}).filter(
    (e) => e.isFile() && e.name.endsWith(".html")
  );
  return pages
    .map((entry) => {
      const file = join(entry.parentPath, entry.name);
      const sizes = [...readFileSync(file, "utf8").matchAll(REGISTER_FILE)]
        .map((m) => JSON.parse(m[1]) as {path: string; size: number})
        .filter((f) => f.path.includes("_file/"));
      const largest = sizes.reduce<{path: string; size: number} | null>(
        (max, f) => (max === null || f.size > max.size ? f : max),
        null
      );
      return {
        page: relative(folder, file).replace(/\\/g, "/"),
        dataBytes: sizes.reduce((sum, f) => sum + f.size, 0),
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
