import {spawn} from "node:child_process";
import {existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {basename, delimiter, dirname, join, resolve} from "node:path";
import {CliError} from "../config/cli-error.ts";
import type {IngestResult} from "../loaders/ingest/ingest.ts";
import {withFileLock} from "../warehouse/file-lock.ts";
import {clearLoaderCache, seedNpmVersionCache} from "./framework-cache.ts";
import {findRemoteReferences} from "./find-remote-references.ts";
import {loaderTimings, pageDataSizes, type PageDataSize} from "./page-data-sizes.ts";
import {PROJECT_ROOT} from "./project-root.ts";
import {SAMPLE_EXPORTS} from "./sample-exports.ts";
import {publishSite} from "./publish-site.ts";
import {replaceFile} from "./replace-file.ts";
import {siteKey} from "./site-key.ts";
import {precomputePageData, removePageDataFiles} from "./precompute-page-data.ts";
import {checkHiddenNames, readHiddenNames, type HiddenDimension} from "./hidden-names.ts";
import {openWarehouse, warehouseLockPath} from "../warehouse/open-warehouse.ts";
import {siteLocale, type SiteLocale} from "./site-locale.ts";
import {filterValueLimit} from "./site-filters.ts";
import {FOLLOW_UP_VARIABLE} from "./site-follow-up-plan.ts";
import {DISPLAY_NAMES_VARIABLE, type DisplayNames} from "./site-display-names.ts";
import type {FollowUpOptions} from "../pipelines/follow-up/follow-up-options.ts";
import type {PublishAccess} from "../config/project-config.ts";
import {
  PASSPHRASE_VARIABLE,
  requirePassphrase,
  sealBytes,
  sealSite,
  siteCipher,
  slugKey,
  type SiteCipher
} from "./seal-site.ts";

export interface BuildSiteOptions {
  warehouse: string;
  /** export folders ingested one after the other when the warehouse does not exist yet; default SAMPLE_EXPORTS */
  samples?: string[];
  /** output folder; default dist */
  out?: string;
  /** the site's language; default SHANGJI_LOCALE, else English */
  locale?: SiteLocale;
  quiet?: boolean;
  /** values per filter dimension to precompute; default SHANGJI_FILTER_VALUES, else 12 */
  filterValues?: number;
  /** dimensions whose names the site must not reveal (publishing configuration) */
  hide?: HiddenDimension[];
  /** who may read the site; "password" seals every page data file and the build report (seal-site.ts) */
  access?: PublishAccess;
  /** the passphrase of a password-protected site (SHANGJI_SITE_PASSPHRASE), 12 characters or more */
  passphrase?: string;
  /** reuse data loaders' output of the previous build (benchmarks of a warm cache only: numbers may be stale) */
  keepLoaderCache?: boolean;
  /** more facts for build-report.json (a rebuild adds its ingest) */
  report?: Record<string, unknown>;
  /**
   * compute every page's data and build the site again even when nothing it is built from changed; by
   * default a build reuses the page data of earlier builds whose tables, code and settings are the same,
   * and keeps the previous site when nothing at all changed
   */
  fresh?: boolean;
  /** the follow-up plan and stale limits over the defaults (the project configuration's `followUp`) */
  followUp?: Partial<FollowUpOptions>;
  /** names of exported codes per language (the project configuration's `displayNames`) */
  displayNames?: DisplayNames;
}

export interface BuildReport {
  warehouse: string;
  out: string;
  /** the ingests of the sample exports, in order, when the warehouse did not exist; otherwise none */
  sampleIngests: IngestResult[];
  locale: SiteLocale;
  /** files written to the output folder */
  files: number;
  /** bytes of the whole site */
  bytes: number;
  /** per page, the data it loads, largest first */
  pages: PageDataSize[];
  /** data loaders' run times, slowest first */
  loaders: {loader: string; seconds: number}[];
  /** seconds computing the page data, then in `observable build` */
  steps: {pageData: number; framework: number};
  /** page data files computed by this build, and copied from an earlier build of the same inputs */
  pageData: {computed: number; reused: number};
  /** nothing the site is built from changed since the site in the output folder was built: it was kept */
  unchanged: boolean;
  seconds: number;
  /**
   * the key a password-protected site is sealed with, for a later change to its build report; never
   * written anywhere (a KeyObject serialises to {})
   */
  cipher?: SiteCipher;
}

export {PROJECT_ROOT};

/**
 * Builds the static site: ingests the sample exports if there is no warehouse yet, clears
 * Framework's loader cache (so no number is stale), runs `observable build` against the warehouse
 * into a staging folder, fails if any built file would load something from a remote address, and
 * only then replaces the output folder: a failed build leaves the previous site in place.
 */
export async function buildSite({
  warehouse,
  samples = SAMPLE_EXPORTS,
  out = "dist",
  locale = siteLocale(),
  quiet = false,
  keepLoaderCache = false,
  hide = [],
  access = "artifact",
  passphrase,
  filterValues = filterValueLimit(),
  report = {},
  fresh = false,
  followUp = {},
  displayNames = {}
}: BuildSiteOptions): Promise<BuildReport> {
  const began = performance.now();
  const secret = access === "password" ? requirePassphrase(passphrase) : null;
  // paths are relative to the working directory, as on the command line
  const warehousePath = resolve(warehouse);
  const outPath = resolve(out);
  checkOutput(outPath);
  const isNew = !existsSync(warehousePath);
  const sampleIngests = isNew ? await ingestSamples(samples, warehousePath, quiet) : [];
  // a warehouse an earlier version wrote gains the tables and columns the pages read; the page data opens it read-only
  if (!isNew) (await openWarehouse(warehousePath)).close();
  const root = join(PROJECT_ROOT, "src");
  const sealing = secret === null ? null : await sealingKeys(secret, locale);
  // builds of one project share Framework's cache in src/.observablehq: one at a time; and no ingest
  // may change the warehouse while its pages are computed
  return withFileLock(join(root, ".observablehq", "shangji-build.lock"), {what: `the site build of ${root}`}, () =>
    withFileLock(warehouseLockPath(warehousePath), {what: `warehouse ${warehousePath}`}, () =>
      buildLocked({
        root,
        warehousePath,
        outPath,
        sampleIngests,
        locale,
        quiet,
        report,
        began,
        keepLoaderCache,
        hide,
        filterValues,
        followUp,
        displayNames,
        sealing,
        fresh
      })
    )
  );
}

/** A build's key (new salt) and the page names' key (the same for every build with this passphrase). */
async function sealingKeys(passphrase: string, locale: SiteLocale): Promise<{cipher: SiteCipher; slugKey: string}> {
  const [cipher, slugs] = await Promise.all([siteCipher(passphrase, locale), slugKey(passphrase)]);
  return {cipher, slugKey: slugs};
}

async function buildLocked({
  root,
  warehousePath,
  outPath,
  sampleIngests,
  locale,
  quiet,
  report,
  began,
  keepLoaderCache,
  hide,
  filterValues,
  followUp,
  displayNames,
  sealing,
  fresh
}: {
  root: string;
  warehousePath: string;
  outPath: string;
  sampleIngests: IngestResult[];
  locale: SiteLocale;
  quiet: boolean;
  report: Record<string, unknown>;
  began: number;
  keepLoaderCache: boolean;
  hide: HiddenDimension[];
  filterValues: number;
  followUp: Partial<FollowUpOptions>;
  displayNames: DisplayNames;
  sealing: {cipher: SiteCipher; slugKey: string} | null;
  fresh: boolean;
}): Promise<BuildReport> {
  // a sealed site is not compared: its key is not published, and its page names depend on the passphrase
  const key = sealing ? null : await siteKey(warehousePath, {locale, hide, filterValues, followUp, displayNames});
  if (key && !fresh) {
    const kept = keptSite(outPath, key, {warehousePath, locale, report, began});
    if (kept) return kept;
  }
  if (!keepLoaderCache) clearLoaderCache(root);
  removePageDataFiles(root);
  seedNpmVersionCache(root);
  const staging = join(dirname(outPath), `.${basename(outPath)}.building`);
  rmSync(staging, {recursive: true, force: true});
  let result: BuildReport;
  // page data computed in this process, handed to Framework as files and removed after the build
  const written: string[] = [];
  try {
    const env = {
      SHANGJI_LOCALE: locale,
      SHANGJI_HIDE: hide.join(","),
      SHANGJI_FILTER_VALUES: String(filterValues),
      [FOLLOW_UP_VARIABLE]: JSON.stringify(followUp),
      [DISPLAY_NAMES_VARIABLE]: JSON.stringify(displayNames),
      // rep and channel page names: keyed hashes on a password-protected site (read-dynamic-paths.ts)
      SHANGJI_SLUG_KEY: sealing?.slugKey ?? ""
    };
    const pageDataStarted = performance.now();
    const precomputed = await withEnv(env, () => precomputePageData(warehousePath, root, 2, !fresh));
    written.push(...precomputed.map((f) => join(root, f.file)));
    const frameworkStarted = performance.now();
    const output = await withEnv(env, () =>
      runObservableBuild({warehouse: warehousePath, out: staging, locale, hide, quiet})
    );
    const steps = {
      pageData: (frameworkStarted - pageDataStarted) / 1000,
      framework: (performance.now() - frameworkStarted) / 1000
    };
    checkOffline(staging, outPath);
    if (hide.length) checkHiddenNames(staging, await hiddenNames(warehousePath, hide));
    if (sealing) sealSite(staging, sealing.cipher);
    const files = readdirSync(staging, {recursive: true, withFileTypes: true}).filter((e) => e.isFile());
    result = {
      warehouse: warehousePath,
      out: outPath,
      sampleIngests,
      locale,
      files: files.length,
      bytes: files.reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0),
      pages: pageDataSizes(staging),
      loaders: [...precomputed.map((f) => ({loader: `/${f.file}`, seconds: f.seconds})), ...loaderTimings(output)].sort(
        (a, b) => b.seconds - a.seconds
      ),
      steps,
      pageData: {
        computed: precomputed.filter((f) => !f.reused).length,
        reused: precomputed.filter((f) => f.reused).length
      },
      unchanged: false,
      seconds: (performance.now() - began) / 1000
    };
    // the report is published with the site: the warehouse by its name, never a path of the machine that built it
    const {sampleIngests: _ingests, out: _out, ...facts} = result;
    const published = {
      builtAt: new Date().toISOString(),
      ...facts,
      warehouse: basename(facts.warehouse),
      ...report,
      ...(key ? {sourceKey: key} : {})
    };
    const reportFile = `${JSON.stringify(published, null, 2)}\n`;
    writeFileSync(join(staging, "build-report.json"), sealing ? sealBytes(reportFile, sealing.cipher) : reportFile);
    if (sealing) result.cipher = sealing.cipher;
  } catch (error) {
    rmSync(staging, {recursive: true, force: true});
    throw error;
  } finally {
    for (const file of written) rmSync(file, {force: true});
  }
  // the previous site stays whole until the new one is complete, then the two swap atomically
  publishSite(staging, outPath);
  return result;
}

/**
 * The site in the output folder when it was built from the same inputs (its report's source key): kept
 * as it is, its report updated with this run's facts and the time it was checked.
 */
function keptSite(
  out: string,
  key: string,
  {
    warehousePath,
    locale,
    report,
    began
  }: {warehousePath: string; locale: SiteLocale; report: Record<string, unknown>; began: number}
): BuildReport | null {
  const file = join(out, "build-report.json");
  if (!existsSync(file)) return null;
  let previous: Record<string, unknown>;
  try {
    previous = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (previous.sourceKey !== key) return null;
  const published = {...previous, ...report, checkedAt: new Date().toISOString()};
  replaceFile(file, `${JSON.stringify(published, null, 2)}\n`);
  return {
    warehouse: warehousePath,
    out,
    sampleIngests: [],
    locale,
    files: Number(previous.files),
    bytes: Number(previous.bytes),
    pages: previous.pages as PageDataSize[],
    loaders: [],
    steps: {pageData: 0, framework: 0},
    pageData: {computed: 0, reused: 0},
    unchanged: true,
    seconds: (performance.now() - began) / 1000
  };
}

/** Ingests each folder as an export of its own, in order: the exports of one CRM at successive dates. */
async function ingestSamples(samples: string[], warehouse: string, quiet: boolean): Promise<IngestResult[]> {
  const folders = samples.map((sample) => resolve(sample));
  const missing = folders.length === 0 ? "" : folders.find((folder) => !existsSync(folder));
  if (missing !== undefined) {
    const where = missing ? ` at ${missing}` : "";
    throw new CliError(`no warehouse at ${warehouse} and no sample exports${where} to build it from`, {exitCode: 3});
  }
  // imported on demand: a site build over an existing warehouse needs none of the ingest code
  const {ingest} = await import("../loaders/ingest/ingest.ts");
  const progress = quiet ? undefined : (line: string) => void process.stderr.write(`${line}\n`);
  const results: IngestResult[] = [];
  for (const folder of folders) results.push(await ingest({paths: [folder], warehouse, progress}));
  return results;
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

function runObservableBuild({
  warehouse,
  out,
  locale,
  hide,
  quiet
}: {
  warehouse: string;
  out: string;
  locale: SiteLocale;
  hide: HiddenDimension[];
  quiet: boolean;
}): Promise<string> {
  const bin = join(PROJECT_ROOT, "node_modules", ".bin");
  const observable = join(bin, process.platform === "win32" ? "observable.cmd" : "observable");
  if (!existsSync(observable)) {
    throw new CliError(`observable framework is not installed (no ${observable}); run npm install`, {exitCode: 3});
  }
  const {[PASSPHRASE_VARIABLE]: _passphrase, ...inherited} = process.env;
  const env = {
    // the data loaders need none of the passphrase: page names come with SHANGJI_SLUG_KEY
    ...inherited,
    OBSERVABLE_TELEMETRY_DISABLE: "true",
    SHANGJI_WAREHOUSE: warehouse,
    SHANGJI_SITE_OUT: out,
    SHANGJI_LOCALE: locale,
    SHANGJI_HIDE: hide.join(","),
    // data loaders written in TypeScript run with tsx from node_modules
    PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`
  };
  return new Promise<string>((resolvePromise, reject) => {
    const child = spawn(observable, ["build"], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      shell: process.platform === "win32"
    });
    const output: Buffer[] = [];
    const collect = (chunk: Buffer) => {
      output.push(chunk);
      if (!quiet) process.stderr.write(chunk);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", (error) => reject(new CliError(`cannot run observable build: ${error.message}`, {cause: error})));
    child.on("close", (code, signal) => {
      if (code === 0) return resolvePromise(Buffer.concat(output).toString("utf8"));
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

async function hiddenNames(path: string, hide: HiddenDimension[]): Promise<string[]> {
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    return await readHiddenNames(warehouse.connection, hide);
  } finally {
    warehouse.close();
  }
}

/** Runs `work` with environment variables set (the page data functions read the site's language from it). */
async function withEnv<T>(values: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  Object.assign(process.env, values);
  try {
    return await work();
  } finally {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
