import {existsSync, mkdirSync, readdirSync, rmSync} from "node:fs";
import {join} from "node:path";

/** Framework's cache folder for a source root: loader outputs and bundled modules. */
export function frameworkCachePath(root: string): string {
  return join(root, ".observablehq", "cache");
}

// Module caches keyed by package name and version, so never stale: bundles of node_modules
// packages (_node) and the npm version cache (_npm, see seedNpmVersionCache).
const KEPT = new Set(["_node", "_npm", "_jsr"]);

/**
 * Deletes every cached loader output under `root`. Framework reruns a loader only when the loader
 * file is newer than its cached output, not when the warehouse changed: without this a rebuild
 * after new exports would publish the previous numbers.
 */
export function clearLoaderCache(root: string): void {
  const cache = frameworkCachePath(root);
  if (!existsSync(cache)) return;
  for (const name of readdirSync(cache)) {
    if (!KEPT.has(name)) rmSync(join(cache, name), {recursive: true, force: true});
  }
}

/**
 * The `npm:` libraries Framework 1.13's client and standard library import lazily (lodash for `_`,
 * arrow for FileAttachment.arrow() …). Bundling the client resolves each to a version, asking
 * registry.npmjs.org unless `_npm/<name>@<version>` already exists in the cache; our pages never
 * load them (the offline check fails a page that does), so any version does. Pinned: a cold-cache
 * build then needs no network and is reproducible.
 */
export const LAZY_NPM_VERSIONS: Record<string, string> = {
  "@observablehq/plot": "0.6.17",
  "@observablehq/sample-datasets": "1.0.1",
  "apache-arrow": "21.2.0",
  arquero: "8.0.3",
  d3: "7.9.0",
  "d3-dsv": "3.0.2",
  echarts: "6.1.0",
  htl: "0.3.1",
  leaflet: "1.9.4",
  lodash: "4.18.1",
  "mapbox-gl": "3.32.0",
  "parquet-wasm": "0.8.0",
  react: "19.3.1",
  "react-dom": "19.3.1",
  "topojson-client": "3.1.0"
};

/** Records a version for each lazily imported `npm:` library that has none in the cache yet. */
export function seedNpmVersionCache(root: string): void {
  const npm = join(frameworkCachePath(root), "_npm");
  for (const [name, version] of Object.entries(LAZY_NPM_VERSIONS)) {
    const scope = name.includes("/") ? join(npm, name.slice(0, name.indexOf("/"))) : npm;
    const base = name.slice(name.indexOf("/") + 1);
    const known = existsSync(scope) && readdirSync(scope).some((entry) => entry.startsWith(`${base}@`));
    if (!known) mkdirSync(join(npm, `${name}@${version}`), {recursive: true});
  }
}
