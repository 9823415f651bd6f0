import {spawn} from "node:child_process";
import {existsSync, readdirSync, renameSync, rmSync, statSync} from "node:fs";
import {basename, delimiter, dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {CliError} from "../cli/cli-error.ts";
import type {IngestResult} from "../ingest/ingest.ts";
import {clearLoaderCache, seedNpmVersionCache} from "./framework-cache.ts";
import {findRemoteReferences} from "./find-remote-references.ts";

export interface BuildSiteOptions {
  warehouse: string;
  /** exports ingested when the warehouse does not exist yet; default data/sample */
  sample?: string;
  /** output folder; default dist */
  out?: string;
  quiet?: boolean;
}

export interface BuildReport {
  warehouse: string;
  out: string;
  /** the ingest of the sample exports, when the warehouse did not exist; otherwise null */
  sampleIngest: IngestResult | null;
  /** files written to the output folder */
  files: number;
}

/** The project folder: the one holding observablehq.config.ts, node_modules and src/. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Builds the static site: ingests the sample exports if there is no warehouse yet, clears
 * Framework's loader cache (so no number is stale), runs `observable build` against the warehouse
 * into a staging folder, fails if any built file would load something from a remote address, and
 * only then replaces the output folder: a failed build leaves the previous site in place.
 */
export async function buildSite({
  warehouse,
  sample = "data/sample",
  out = "dist",
  quiet = false
}: BuildSiteOptions): Promise<BuildReport> {
  // paths are relative to the working directory, as on the command line
  const warehousePath = resolve(warehouse);
  const outPath = resolve(out);
  checkOutput(outPath);
  let sampleIngest: IngestResult | null = null;
  if (!existsSync(warehousePath)) sampleIngest = await ingestSample(resolve(sample), warehousePath, quiet);
  const root = join(PROJECT_ROOT, "src");
  clearLoaderCache(root);
  seedNpmVersionCache(root);
  const staging = join(dirname(outPath), `.${basename(outPath)}.building`);
  rmSync(staging, {recursive: true, force: true});
  try {
    await runObservableBuild({warehouse: warehousePath, out: staging, quiet});
    checkOffline(staging, outPath);
  } catch (error) {
    rmSync(staging, {recursive: true, force: true});
    throw error;
  }
  rmSync(outPath, {recursive: true, force: true});
  renameSync(staging, outPath);
  const files = readdirSync(outPath, {recursive: true, withFileTypes: true}).filter((e) => e.isFile()).length;
  return {warehouse: warehousePath, out: outPath, sampleIngest, files};
}

async function ingestSample(sample: string, warehouse: string, quiet: boolean): Promise<IngestResult> {
  if (!existsSync(sample)) {
    throw new CliError(`no warehouse at ${warehouse} and no sample exports at ${sample} to build it from`, {
      exitCode: 3
    });
  }
  // imported on demand: a site build over an existing warehouse needs none of the ingest code
  const {ingest} = await import("../ingest/ingest.ts");
  const progress = quiet ? undefined : (line: string) => void process.stderr.write(`${line}\n`);
  return ingest({paths: [sample], warehouse, progress});
}

/** The output folder is replaced by the build: refuse one that holds anything but a previous build. */
function checkOutput(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new CliError(`output folder ${out} is a file`, {exitCode: 2});
  if (readdirSync(out).length === 0 || existsSync(join(out, "_observablehq"))) return;
  throw new CliError(`output folder ${out} is not empty and holds no previous site build; choose another folder`, {
    exitCode: 2
  });
}

function runObservableBuild({warehouse, out, quiet}: {warehouse: string; out: string; quiet: boolean}) {
  const bin = join(PROJECT_ROOT, "node_modules", ".bin");
  const observable = join(bin, process.platform === "win32" ? "observable.cmd" : "observable");
  if (!existsSync(observable)) {
    throw new CliError(`observable framework is not installed (no ${observable}); run npm install`, {exitCode: 3});
  }
  const env = {
    ...process.env,
    OBSERVABLE_TELEMETRY_DISABLE: "true",
    SHANGJI_WAREHOUSE: warehouse,
    SHANGJI_SITE_OUT: out,
    // data loaders written in TypeScript run with tsx from node_modules
    PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`
  };
  return new Promise<void>((resolvePromise, reject) => {
    const child = spawn(observable, ["build"], {
      cwd: PROJECT_ROOT,
      env,
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
      shell: process.platform === "win32"
    });
    const output: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => output.push(chunk));
    child.on("error", (error) => reject(new CliError(`cannot run observable build: ${error.message}`, {cause: error})));
    child.on("close", (code, signal) => {
      if (code === 0) return resolvePromise();
      // quiet hides the build log, except when it explains a failure
      if (quiet) process.stderr.write(Buffer.concat(output));
      reject(new CliError(`observable build failed (${signal ?? `exit code ${code}`}); see its messages above`));
    });
  });
}

/** Fails when a file of the build in `folder` (to become `out`) would load from a remote address. */
function checkOffline(folder: string, out: string): void {
  if (existsSync(join(folder, "_npm"))) {
    throw new CliError(
      `site build ${out} is not offline: _npm/ holds modules from the npm CDN; import libraries by bare name`
    );
  }
  const [first, ...rest] = findRemoteReferences(folder);
  if (first) {
    const more = rest.length ? ` (and ${rest.length} more)` : "";
    throw new CliError(`site build ${out} is not offline: ${join(out, first.file)} loads ${first.match}${more}`);
  }
}
