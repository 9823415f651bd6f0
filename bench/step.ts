// One measured step of `npm run bench`, run in its own process so its memory is its own:
//   tsx bench/step.ts baseline <exports> <work>   DuckDB read_csv of the same files into tables
//   tsx bench/step.ts ingest <exports> <warehouse>
//   tsx bench/step.ts pipelines <warehouse>      every metrics pipeline once (year to date, all filters)
//   tsx bench/step.ts site <warehouse> <out> cold|warm   every page computed (a full build)
//   tsx bench/step.ts change <warehouse> <exports>        writes a later export changing 1 % of the opportunities
//   tsx bench/step.ts rebuild <exports> <warehouse> <out> the nightly rebuild, reusing what did not change
// Prints one JSON line with the step's figures.
import {readdirSync} from "node:fs";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {ingest} from "../loaders/ingest/ingest.ts";
import {sniffFile} from "../loaders/read/sniff-file.ts";
import {transcodeToUtf8} from "../loaders/read/transcode-to-utf8.ts";
import {buildSite} from "../site/build-site.ts";
import {DEFAULT_MEMORY_LIMIT} from "../warehouse/open-warehouse.ts";
import {rebuild} from "../site/rebuild.ts";
import {siteLocale} from "../site/site-locale.ts";
import {changeOnePercent} from "./change-one-percent.ts";
import {timePipelines} from "./time-pipelines.ts";

const [step, ...args] = process.argv.slice(2);
const started = performance.now();
const elapsed = () => (performance.now() - started) / 1000;

async function baseline(folder: string, work: string) {
  // DuckDB reads UTF-8 only: GBK files get UTF-8 copies first, outside the timed part
  const copies: {name: string; path: string; remove?: () => Promise<void>}[] = [];
  for (const name of readdirSync(folder)
    .filter((n) => n.endsWith(".csv"))
    .sort()) {
    const path = join(folder, name);
    const sniffed = await sniffFile(path);
    copies.push(
      sniffed.encoding === "utf-8"
        ? {name, path}
        : {name, ...(await transcodeToUtf8(path, sniffed.encoding, sniffed.bom))}
    );
  }
  const began = performance.now();
  const instance = await DuckDBInstance.create(join(work, "baseline.duckdb"), {memory_limit: DEFAULT_MEMORY_LIMIT});
  const connection = await instance.connect();
  for (const copy of copies)
    await connection.run(`CREATE TABLE "${copy.name}" AS SELECT * FROM read_csv('${copy.path}')`);
  connection.closeSync();
  instance.closeSync();
  const seconds = (performance.now() - began) / 1000;
  for (const copy of copies) await copy.remove?.();
  return {seconds};
}

const run: Record<string, () => Promise<Record<string, unknown>>> = {
  baseline: () => baseline(args[0], args[1]),
  ingest: async () => {
    const result = await ingest({paths: [args[0]], warehouse: args[1]});
    return {seconds: elapsed(), rows: result.rowsRead, quarantined: result.rowsQuarantined};
  },
  pipelines: async () => ({seconds: elapsed(), timings: await timePipelines(args[0])}),
  site: async () => {
    const report = await buildSite({
      warehouse: args[0],
      out: args[1],
      quiet: true,
      fresh: true,
      keepLoaderCache: args[2] === "warm"
    });
    const largest = [...report.pages].sort((a, b) => b.largestBytes - a.largestBytes)[0];
    return {
      seconds: elapsed(),
      steps: report.steps,
      bytes: report.bytes,
      largestPageData: report.pages[0] ? {page: report.pages[0].page, bytes: report.pages[0].dataBytes} : null,
      largestDataFile: largest ? {file: largest.largestFile, bytes: largest.largestBytes} : null,
      slowestLoaders: report.loaders.slice(0, 3)
    };
  },
  change: async () => {
    const changed = await changeOnePercent(args[0], args[1]);
    return {seconds: elapsed(), changed};
  },
  rebuild: async () => {
    // without the archive: the ingest step wrote none, and a nightly run writes only its changed slices
    const result = await rebuild({
      exports: args[0],
      warehouse: args[1],
      out: args[2],
      locale: siteLocale(),
      archive: false,
      quiet: true
    });
    return {seconds: elapsed(), unchanged: result.site.unchanged, pageData: result.site.pageData};
  }
};

if (!run[step]) throw new Error(`usage: tsx bench/step.ts baseline|ingest|pipelines|site|change|rebuild …`);
process.stdout.write(`${JSON.stringify(await run[step]())}\n`);
