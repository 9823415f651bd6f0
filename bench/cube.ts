// `npm run bench:cube -- --warehouse <file> [--warehouse <file> …]`: per warehouse, the two cubes a page can
// load (cubeData by team, data/cube.json; by rep, data/cube-reps.json) — cells, bytes as written and gzipped,
// seconds to compute — and the time cubeSums takes to apply a filter, in Node and in headless Chromium (the
// cube read from a local server, as a page reads it): the first call, which decodes the cube, then the median
// of the filters below, each applied once, as clicks on the filter bar would. Prints a Markdown table.
import {createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync} from "node:fs";
import {createServer} from "node:http";
import {tmpdir} from "node:os";
import {extname, join, resolve} from "node:path";
import {parseArgs} from "node:util";
import {gzipSync} from "node:zlib";
import {launchChromium} from "../loaders/site/launch-chromium.ts";
import {cubeData, type CubeData} from "../loaders/site/pages/cube-data.ts";
import {openWarehouse} from "../loaders/warehouse/open-warehouse.ts";
import {readRows} from "../loaders/warehouse/read-rows.ts";
import {decodeIntegers} from "../src/components/cube-integers.js";
import {cubeSums} from "../src/components/cube.js";

const {values} = parseArgs({options: {warehouse: {type: "string", multiple: true, default: []}}});
if (values.warehouse.length === 0) throw new Error("bench:cube requires --warehouse <file>");
const root = resolve(import.meta.dirname, "..");

type Click = {filter: Record<string, unknown>; groupBy: string[]};

/** Five filters of the cube by team (three dimensions and a period in one, groupings in two), two by rep. */
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
      {filter: {product: [p0]}, groupBy: ["rep"]}
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

async function timeInChromium(dir: string, runs: {file: string; list: Click[]}[]) {
  const server = await serve(dir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    return await page.evaluate(async (runs) => {
      const {cubeSums} = await import("/src/components/cube.js" as string);
      const results = [];
      for (const {file, list} of runs) {
        const loading = performance.now();
        const cube = await (await fetch(`/cube/${file}`)).json();
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
for (const path of values.warehouse) {
  const dir = mkdtempSync(join(tmpdir(), "shangji-cube-"));
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const [{n}] = await readRows<{n: number}>(warehouse.connection, "SELECT count(*)::INTEGER AS n FROM opportunities");
    const cubes = [];
    for (const [owners, file] of [
      ["team", "cube.json"],
      ["rep", "cube-reps.json"]
    ] as const) {
      const started = performance.now();
      const cube = await cubeData(warehouse.connection, owners);
      const seconds = (performance.now() - started) / 1000;
      const text = JSON.stringify(cube);
      writeFileSync(join(dir, file), text);
      cubes.push({owners, file, cube, seconds, bytes: Buffer.byteLength(text), gzip: gzipSync(text).length});
    }
    const list = clicks(cubes[0].cube);
    const node = cubes.map(({owners, cube}) => timeClicks(JSON.parse(JSON.stringify(cube)), list[owners]));
    const chromium = await timeInChromium(
      dir,
      cubes.map(({owners, file}) => ({file, list: list[owners]}))
    );
    cubes.forEach(({file, cube, seconds, bytes, gzip}, i) => {
      rows.push([
        n.toLocaleString("en"),
        `data/${file}`,
        decodeIntegers(cube.cells).length.toLocaleString("en"),
        `${(bytes / 1000).toFixed(0)} kB`,
        `${(gzip / 1000).toFixed(0)} kB`,
        `${seconds.toFixed(1)} s`,
        `${node[i].first.toFixed(0)} ms, then ${median(node[i].each).toFixed(1)} ms`,
        `${chromium[i].load.toFixed(0)} ms + ${chromium[i].first.toFixed(0)} ms, then ${median(chromium[i].each).toFixed(1)} ms`
      ]);
    });
  } finally {
    warehouse.close();
    rmSync(dir, {recursive: true, force: true});
  }
}

const head = [
  "opportunities",
  "file",
  "cells",
  "JSON",
  "gzip",
  "computed in",
  "cubeSums in Node: first (decodes), then median of the clicks",
  "Chromium: fetch and parse + first, then median of the clicks"
];
console.log([head, head.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n"));
