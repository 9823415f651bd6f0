// `npm run bench:pages -- <warehouse> [out]`: computes every page data file of a warehouse on one
// connection, nothing reused, and prints the seconds of each (the slowest first) and their sum.
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {precomputePageData} from "../site/precompute-page-data.ts";

const [warehouse, out = mkdtempSync(join(tmpdir(), "shangji-profile-"))] = process.argv.slice(2);
if (!warehouse) throw new Error("usage: tsx bench/profile-page-data.ts <warehouse> [out]");
const started = performance.now();
const files = await precomputePageData(warehouse, out, 1, false);
for (const f of files.filter((f) => f.seconds > 0.05))
  process.stdout.write(`${f.seconds.toFixed(1).padStart(7)} s  ${f.file}\n`);
const sum = files.reduce((s, f) => s + f.seconds, 0);
process.stdout.write(
  `${sum.toFixed(1).padStart(7)} s  all ${files.length} files (${((performance.now() - started) / 1000).toFixed(1)} s with the preparation)\n`
);
