// `npm run bench -- [--sizes 10000,100000,1000000] [--out bench/out]`: for each size, generates an
// export with the sample generator (all tables), then measures in separate processes on the same
// files: DuckDB's plain read_csv (the physical reference), ingest, all pipelines, and the site build
// with a cold and a warm loader cache, then the nightly rebuild with nothing new and after an export changing
// 1 % of the opportunities — seconds and peak memory of each (the process and its children).
// Writes results.json and results.md into --results (default bench/) and prints the Markdown table.
import {execFile, spawn} from "node:child_process";
import {existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {parseArgs} from "node:util";
import {watchTreeRss} from "./tree-rss.ts";

const {values} = parseArgs({
  options: {
    sizes: {type: "string", default: "10000,100000,1000000"},
    out: {type: "string", default: "bench/out"},
    results: {type: "string", default: "bench"}
  }
});
const sizes = values.sizes.split(",").map((s) => Number(s.replace(/_/g, "")));
if (sizes.some((n) => !Number.isInteger(n) || n < 100))
  throw new Error(`--sizes: whole numbers ≥ 100, got ${values.sizes}`);
const out = resolve(values.out);
const root = resolve(import.meta.dirname, "..");

interface Measured {
  seconds: number;
  peakBytes: number;
  [key: string]: unknown;
}

function measure(args: string[]): Promise<Measured> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {cwd: root, stdio: ["ignore", "pipe", "inherit"]});
    const memory = watchTreeRss(child.pid!);
    const started = performance.now();
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.on("error", fail);
    child.on("close", (code) => {
      const peakBytes = memory.stop();
      if (code !== 0 && code !== 5) return fail(new Error(`${args.join(" ")} exited with ${code}`));
      const last = stdout.trim().split("\n").pop() ?? "";
      const figures = last.startsWith("{") ? JSON.parse(last) : {};
      done({seconds: (performance.now() - started) / 1000, ...figures, peakBytes});
    });
  });
}

const step = (...args: string[]) => measure(["--import", "tsx", "bench/step.ts", ...args]);
const folderBytes = (folder: string) =>
  readdirSync(folder, {recursive: true, withFileTypes: true})
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);

interface BenchRow {
  size: number;
  exportBytes: number;
  rows: number;
  generateSeconds: number;
  ingest: {seconds: number; rowsPerSecond: number; peakBytes: number};
  baseline: {seconds: number; peakBytes: number};
  ingestRatio: number;
  pipelines: {seconds: number; slowest: {name: string; seconds: number}[]; peakBytes: number};
  siteCold: {
    seconds: number;
    peakBytes: number;
    steps: {pageData: number; framework: number};
    slowestLoaders: unknown;
  };
  siteWarm: {seconds: number; peakBytes: number};
  rebuildSeconds: number;
  rebuildNothingNew: {seconds: number; unchanged: boolean};
  rebuildOnePercent: {seconds: number; changed: number; pageData: {computed: number; reused: number}};
  distBytes: number;
  largestPageData: {page: string; bytes: number} | null;
  largestDataFile: {file: string; bytes: number} | null;
}

const results: BenchRow[] = [];
for (const size of sizes) {
  const dir = join(out, String(size));
  const exports = join(dir, "exports");
  const warehouse = join(dir, "warehouse.duckdb");
  const site = join(dir, "site");
  rmSync(dir, {recursive: true, force: true});
  mkdirSync(dir, {recursive: true});
  process.stderr.write(`\n== ${size.toLocaleString("en")} opportunities\n`);
  const generate = await measure([
    "bin/shangji.js",
    "generate",
    "--out",
    exports,
    "--opportunities",
    String(size),
    "-q"
  ]);
  const baseline = await step("baseline", exports, dir);
  const ingest = await step("ingest", exports, warehouse);
  const pipelines = await step("pipelines", warehouse);
  const siteCold = await step("site", warehouse, site, "cold");
  const siteWarm = await step("site", warehouse, site, "warm");
  const nothingNew = await step("rebuild", exports, warehouse, site);
  const change = await step("change", warehouse, exports);
  const onePercent = await step("rebuild", exports, warehouse, site);
  const timings = pipelines.timings as {name: string; seconds: number}[];
  const row: BenchRow = {
    size,
    exportBytes: folderBytes(exports),
    rows: Number(ingest.rows),
    generateSeconds: generate.seconds,
    ingest: {seconds: ingest.seconds, rowsPerSecond: Number(ingest.rows) / ingest.seconds, peakBytes: ingest.peakBytes},
    baseline: {seconds: baseline.seconds, peakBytes: baseline.peakBytes},
    ingestRatio: ingest.seconds / baseline.seconds,
    pipelines: {
      seconds: timings.reduce((sum, t) => sum + t.seconds, 0),
      slowest: timings.slice(0, 3),
      peakBytes: pipelines.peakBytes
    },
    siteCold: {
      seconds: siteCold.seconds,
      peakBytes: siteCold.peakBytes,
      steps: siteCold.steps as BenchRow["siteCold"]["steps"],
      slowestLoaders: siteCold.slowestLoaders
    },
    siteWarm: {seconds: siteWarm.seconds, peakBytes: siteWarm.peakBytes},
    rebuildSeconds: ingest.seconds + siteCold.seconds,
    rebuildNothingNew: {seconds: nothingNew.seconds, unchanged: Boolean(nothingNew.unchanged)},
    rebuildOnePercent: {
      seconds: onePercent.seconds,
      changed: Number(change.changed),
      pageData: onePercent.pageData as {computed: number; reused: number}
    },
    distBytes: Number(siteCold.bytes),
    largestPageData: siteCold.largestPageData as BenchRow["largestPageData"],
    largestDataFile: siteCold.largestDataFile as BenchRow["largestDataFile"]
  };
  results.push(row);
  process.stderr.write(`${JSON.stringify(row)}\n`);
}

const gib = (b: number) => `${(b / 2 ** 30).toFixed(2)} GiB`;
const kb = (b: number) => `${Math.round(b / 1000)} kB`;
const s = (x: number) => `${x.toFixed(1)} s`;
const table = [
  `| figure | ${results.map((r) => `${r.size.toLocaleString("en")} opportunities`).join(" | ")} |`,
  `| --- | ${results.map(() => "---").join(" | ")} |`,
  ...(
    [
      [
        "export (rows, size)",
        (r) => `${Number(r.rows).toLocaleString("en")} rows, ${(r.exportBytes / 1e6).toFixed(0)} MB`
      ],
      ["ingest", (r) => `${s(r.ingest.seconds)} (${Math.round(r.ingest.rowsPerSecond).toLocaleString("en")} rows/s)`],
      ["DuckDB baseline (read_csv)", (r) => s(r.baseline.seconds)],
      ["ingest ratio", (r) => r.ingestRatio.toFixed(2)],
      ["all pipelines", (r) => s(r.pipelines.seconds)],
      ["slowest pipelines", (r) => r.pipelines.slowest.map((p) => `${p.name} ${s(p.seconds)}`).join(", ")],
      [
        "site build, cold cache",
        (r) =>
          `${s(r.siteCold.seconds)} (page data ${s(r.siteCold.steps.pageData)}, Framework ${s(r.siteCold.steps.framework)})`
      ],
      ["site build, warm cache", (r) => s(r.siteWarm.seconds)],
      ["full rebuild (ingest + site)", (r) => s(r.rebuildSeconds)],
      [
        "rebuild, nothing new",
        (r) => `${s(r.rebuildNothingNew.seconds)}${r.rebuildNothingNew.unchanged ? " (site kept)" : ""}`
      ],
      [
        "rebuild, 1 % of opportunities changed",
        (r) =>
          `${s(r.rebuildOnePercent.seconds)} (${r.rebuildOnePercent.changed.toLocaleString("en")} changed; page data ${r.rebuildOnePercent.pageData.computed} computed, ${r.rebuildOnePercent.pageData.reused} reused)`
      ],
      [
        "peak memory: ingest / pipelines / site",
        (r) => `${gib(r.ingest.peakBytes)} / ${gib(r.pipelines.peakBytes)} / ${gib(r.siteCold.peakBytes)}`
      ],
      ["dist/ size", (r) => `${(r.distBytes / 1e6).toFixed(1)} MB`],
      [
        "largest page data (one view)",
        (r) => (r.largestPageData ? `${kb(r.largestPageData.bytes)} (${r.largestPageData.page})` : "—")
      ],
      [
        "largest data file",
        (r) =>
          r.largestDataFile ? `${kb(r.largestDataFile.bytes)} (${r.largestDataFile.file.replace(/^_file\//, "")})` : "—"
      ]
    ] as [string, (r: BenchRow) => string][]
  ).map(([label, cell]) => `| ${label} | ${results.map(cell).join(" | ")} |`)
].join("\n");

const growth =
  results.length > 1
    ? `\nGrowth ${results.at(-2)!.size.toLocaleString("en")} → ${results.at(-1)!.size.toLocaleString("en")}: ingest ×${(results.at(-1)!.ingest.seconds / results.at(-2)!.ingest.seconds).toFixed(1)}, pipelines ×${(results.at(-1)!.pipelines.seconds / results.at(-2)!.pipelines.seconds).toFixed(1)}, site ×${(results.at(-1)!.siteCold.seconds / results.at(-2)!.siteCold.seconds).toFixed(1)}\n`
    : "";
const machine = `${(await import("node:os")).cpus().length} cores, node ${process.version}`;
const commit = await new Promise<string | null>((done) =>
  execFile("git", ["rev-parse", "--short", "HEAD"], {cwd: root}, (error, stdout) => done(error ? null : stdout.trim()))
);
const resultsDir = resolve(values.results);
if (!existsSync(resultsDir)) mkdirSync(resultsDir, {recursive: true});
writeFileSync(
  join(resultsDir, "results.json"),
  `${JSON.stringify({date: new Date().toISOString(), commit, machine, results}, null, 2)}\n`
);
writeFileSync(join(resultsDir, "results.md"), `${table}\n${growth}`);
process.stdout.write(`${table}\n${growth}`);
