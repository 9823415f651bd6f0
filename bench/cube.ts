// `npm run bench:cube -- --warehouse <file> [--warehouse <file> …]`: per warehouse, the cube a page loads
// (cubeData by team, data/cube.json) and the files of the cube by rep (cubeRepFiles: shards and per-period files)
// — cells, bytes as written and gzipped, seconds to compute — the most of the cube by rep each kind of view loads
// (cubeLoader's choice), and the time cubeSums takes to apply a filter, in Node and in headless Chromium (the
// files read from a local server, as a page reads them): the first call, which decodes the cube, then the median
// of the filters below, each applied once, as clicks on the filter bar would. Prints Markdown tables.
import {createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync} from "node:fs";
import {createServer} from "node:http";
import {tmpdir} from "node:os";
import {dirname, extname, join, resolve} from "node:path";
import {parseArgs} from "node:util";
import {gzipSync} from "node:zlib";
import {launchChromium} from "../site/launch-chromium.ts";
import {cubeData, cubeKeys, type CubeData} from "../site/pages/cube-data.ts";
import {CUBE_REP_SHARDS, cubeRepFiles} from "../site/pages/cube-rep-files.ts";
import {openWarehouse} from "../warehouse/open-warehouse.ts";
import {readRows} from "../warehouse/read-rows.ts";
import {decodeIntegers} from "../src/components/cube-integers.js";
import {mergeCubes, cubeSums} from "../src/components/cube.js";
import {CUBE_BUDGET} from "../src/components/cube-filter.js";

const {values} = parseArgs({options: {warehouse: {type: "string", multiple: true, default: []}}});
if (values.warehouse.length === 0) throw new Error("bench:cube requires --warehouse <file>");
const root = resolve(import.meta.dirname, "..");

type Click = {filter: Record<string, unknown>; groupBy: string[]};

/** Five filters of the cube by team (three dimensions and a period in one, groupings in two), two on two reps' shards. */
function clicks(cube: CubeData): {team: Click[]; rep: Click[]} {
  const first = (column: string) => cube.reps.rows.map((row) => row[cube.reps.columns.indexOf(column as never)]);
  const [team] = first("team");
  const regions = [...new Set(first("region"))].slice(0, 2);
  const [repA, repB] = first("rep_id");
  const [c0, c1, c2] = cube.channels;
  const [p0, p1] = cube.products;
  const year = Number(String(cube.buckets.rows.at(-1)?.[0]).slice(0, 4)) - 1;
  const period = {start: `${year}-01-01`, end: `${year + 1}-01-01`};
  return {
    team: [
      {filter: {team: [team]}, groupBy: []},
      {filter: {...period, channel: [c0, c1]}, groupBy: []},
      {filter: {...period, team: [team], channel: [c0], product: [p0]}, groupBy: []},
      {filter: {region: regions, product: [p1]}, groupBy: ["quarter"]},
      {filter: {channel: [c2]}, groupBy: ["team", "month"]}
    ],
    rep: [
      {filter: {...period, rep: [repA, repB], channel: [c0]}, groupBy: []},
      {filter: {product: [p0], rep: [repA]}, groupBy: ["month"]}
    ]
  };
}

/** Milliseconds of the first call (which decodes the cube) and of each click after it. */
function timeClicks(cube: unknown, list: Click[]): {first: number; each: number[]} {
  const started = performance.now();
  cubeSums(cube, {}, []);
  const first = performance.now() - started;
  const each = list.map(({filter, groupBy}) => {
    const t = performance.now();
    cubeSums(cube, filter, groupBy);
    return performance.now() - t;
  });
  return {first, each};
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".json": "application/json"
};

/** Serves the repository's src/ and node_modules/, and `dir` under /cube/, on a free port of 127.0.0.1. */
async function serve(dir: string) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const file = path.startsWith("/cube/") ? join(dir, path.slice(6)) : join(root, path);
    const allowed = path.startsWith("/cube/") || path.startsWith("/src/") || path.startsWith("/node_modules/");
    if (path === "/") {
      response.writeHead(200, {"content-type": "text/html"});
      return response.end(
        `<!doctype html><script type="importmap">${JSON.stringify({
          imports: {
            "arquero/": "/node_modules/arquero/",
            "@uwdata/flechette": "/node_modules/@uwdata/flechette/src/index.js",
            acorn: "/node_modules/acorn/dist/acorn.mjs"
          }
        })}</script>`
      );
    }
    if (!allowed || path.includes("..") || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404);
      return response.end();
    }
    response.writeHead(200, {"content-type": TYPES[extname(file)] ?? "application/octet-stream"});
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("bench:cube could not listen");
  return {url: `http://127.0.0.1:${address.port}/`, close: () => server.close()};
}

async function timeInChromium(dir: string, runs: {files: string[]; list: Click[]}[]) {
  const server = await serve(dir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    return await page.evaluate(async (runs) => {
      const {cubeSums, mergeCubes} = await import("/src/components/cube.js" as string);
      const results = [];
      for (const {files, list} of runs) {
        const loading = performance.now();
        const cube = mergeCubes(await Promise.all(files.map(async (file) => (await fetch(`/cube/${file}`)).json())));
        const load = performance.now() - loading;
        const started = performance.now();
        cubeSums(cube, {}, []);
        const first = performance.now() - started;
        const each = list.map(({filter, groupBy}: Click) => {
          const t = performance.now();
          cubeSums(cube, filter, groupBy);
          return performance.now() - t;
        });
        results.push({load, first, each});
      }
      return results;
    }, runs);
  } finally {
    await browser.close();
    server.close();
  }
}

const rows: string[][] = [];
const timings: string[][] = [];
const views: string[][] = [];
const kB = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;
for (const path of values.warehouse) {
  const dir = mkdtempSync(join(tmpdir(), "shangji-cube-"));
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const [{n}] = await readRows<{n: number}>(warehouse.connection, "SELECT count(*)::INTEGER AS n FROM opportunities");
    const count = n.toLocaleString("en");
    let started = performance.now();
    const byTeam = await cubeData(warehouse.connection);
    const teamSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const repFiles = await cubeRepFiles(warehouse.connection);
    const repSeconds = (performance.now() - started) / 1000;
    const bytes = new Map<string, number>();
    const written = (file: string, cube: CubeData) => {
      const text = JSON.stringify(cube);
      mkdirSync(dirname(join(dir, file)), {recursive: true});
      writeFileSync(join(dir, file), text);
      bytes.set(file, Buffer.byteLength(text));
      return {cells: decodeIntegers(cube.cells).length, bytes: Buffer.byteLength(text), gzip: gzipSync(text).length};
    };
    const team = written("data/cube.json", byTeam);
    const keysText = JSON.stringify(cubeKeys(byTeam));
    const keysBytes = Buffer.byteLength(keysText);
    rows.push([count, "data/cube-keys.json", "", kB(keysBytes), kB(gzipSync(keysText).length), "with data/cube.json"]);
    rows.push([
      count,
      "data/cube.json",
      team.cells.toLocaleString("en"),
      kB(team.bytes),
      kB(team.gzip),
      `${teamSeconds.toFixed(1)} s`
    ]);
    const shards = Object.keys(repFiles).filter((file) => file.startsWith("data/cube-reps/"));
    const periodFiles = Object.keys(repFiles).filter((file) => file.startsWith("data/cube-reps-period/"));
    const of = (files: string[]) => files.map((file) => written(file, repFiles[file]));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    for (const [label, files] of [
      [`data/cube-reps/NN.json (${CUBE_REP_SHARDS} shards)`, shards],
      ["data/cube-reps-period/<period>-<group>.json (18 files)", periodFiles]
    ] as const) {
      const made = of([...files]);
      rows.push([
        count,
        label,
        `${sum(made.map((m) => m.cells)).toLocaleString("en")} (largest file ${Math.max(...made.map((m) => m.cells)).toLocaleString("en")})`,
        `${kB(sum(made.map((m) => m.bytes)))} (largest ${kB(Math.max(...made.map((m) => m.bytes)))})`,
        `${kB(sum(made.map((m) => m.gzip)))} (largest ${kB(Math.max(...made.map((m) => m.gzip)))})`,
        label.includes("shards") ? `${repSeconds.toFixed(1)} s, both` : ""
      ]);
    }
    // the most of the cube by rep each kind of view loads, as cubeLoader chooses its files
    const largest = (k: number) =>
      sum(
        shards
          .map((file) => bytes.get(file) ?? 0)
          .sort((a, b) => b - a)
          .slice(0, k)
      );
    const period = (id: string, group: string) => bytes.get(`data/cube-reps-period/${id}-${group}.json`) ?? 0;
    const ids = [...new Set(periodFiles.map((file) => file.split("/").at(-1)?.split("-")[0] ?? ""))];
    const most = (f: (id: string) => number) => Math.max(...ids.map(f));
    const cubeJson = bytes.get("data/cube.json") ?? 0;
    for (const [view, loaded] of [
      ["any page filtered without a rep, grouped without a rep: data/cube.json", cubeJson],
      ["overview or funnel filtered by 1 rep (any period, with comparisons): its shard", largest(1)],
      ["overview or funnel filtered by 2 reps in different shards", largest(2)],
      ["overview or funnel filtered by 3 reps in different shards", largest(3)],
      [
        "reps table, any combined filter: the period's closed deals + all time's open ones",
        most((id) => period(id, "closed") + period("all", "open"))
      ],
      ["pivot grouped by rep over a period, count or amount (created)", most((id) => period(id, "created"))],
      [
        "pivot grouped by rep over a period, won amount, win rate, average deal or cycle (closed)",
        most((id) => period(id, "closed"))
      ],
      ["pivot grouped by rep and month, quarter or year, all reps: every shard", largest(shards.length)]
    ] as const) {
      views.push([count, view, kB(loaded), kB(loaded + keysBytes), kB(CUBE_BUDGET - keysBytes - loaded)]);
    }
    const list = clicks(byTeam);
    const codes = byTeam.reps.rows.map((row) => row[0]);
    const shardOf = (rep: unknown) => shards[codes.indexOf(rep as string) % CUBE_REP_SHARDS];
    const repShards = [...new Set(list.rep.flatMap((click) => (click.filter.rep as unknown[]).map(shardOf)))];
    const repCube = mergeCubes(repShards.map((file) => JSON.parse(JSON.stringify(repFiles[file]))));
    const node = [timeClicks(JSON.parse(JSON.stringify(byTeam)), list.team), timeClicks(repCube, list.rep)];
    const chromium = await timeInChromium(dir, [
      {files: ["data/cube.json"], list: list.team},
      {files: repShards, list: list.rep}
    ]);
    ["data/cube.json", `${repShards.length} shards of data/cube-reps/ (two reps)`].forEach((label, i) => {
      timings.push([
        count,
        label,
        `${node[i].first.toFixed(0)} ms, then ${median(node[i].each).toFixed(1)} ms`,
        `${chromium[i].load.toFixed(0)} ms + ${chromium[i].first.toFixed(0)} ms, then ${median(chromium[i].each).toFixed(1)} ms`
      ]);
    });
  } finally {
    warehouse.close();
    rmSync(dir, {recursive: true, force: true});
  }
}

const table = (head: string[], body: string[][]) =>
  [head, head.map(() => "---"), ...body].map((r) => `| ${r.join(" | ")} |`).join("\n");
console.log(table(["opportunities", "file", "cells", "JSON", "gzip", "computed in"], rows));
console.log();
console.log(
  table(
    ["opportunities", "view", "cube loaded (most)", "with data/cube-keys.json", "left of 500 kB for the page's own data"],
    views
  )
);
console.log();
console.log(
  table(
    [
      "opportunities",
      "cube",
      "cubeSums in Node: first (decodes), then median of the clicks",
      "Chromium: fetch and parse + first, then median of the clicks"
    ],
    timings
  )
);
