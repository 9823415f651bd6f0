import {DISPLAY_NAMES_VARIABLE} from "./site-display-names.ts";
import {FOLLOW_UP_VARIABLE} from "./site-follow-up-plan.ts";
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {withDuplicateLeadFlags} from "../pipelines/channel-quality.ts";
import {latestExport} from "../pipelines/lib/latest-export.ts";
import {withStageEntries} from "../pipelines/lib/stage-entries.ts";
import {PROJECT_CONFIG_FILE} from "../config/project-config.ts";
import {openWarehouse} from "../warehouse/open-warehouse.ts";
import {readRows} from "../warehouse/read-rows.ts";
import {codeFingerprint} from "./code-fingerprint.ts";
import {hiddenDimensions, withoutHiddenNames, type HiddenDimension} from "./hidden-names.ts";
import {computeInWorkers} from "./page-data-workers.ts";
import {fingerprint, PageDataCache} from "./page-data-cache.ts";
import {PAGE_DATA, type PageDataEntry, type SharedInputs} from "./page-data-registry.ts";
import {scoredNow} from "./pages/scored-now.ts";
import {periodHead, periodPart, slicePeriods} from "./period-files.ts";
import {PROJECT_ROOT} from "./project-root.ts";
import {recordingConnection} from "./recording-connection.ts";
import {startOfToday} from "./site-now.ts";
import {tableFingerprints, tablesNamedIn} from "./table-fingerprints.ts";

/** A page data file of a build, how long it took, and whether it was computed or reused from an earlier build. */
export interface PrecomputedFile {
  file: string;
  bytes: number;
  seconds: number;
  reused: boolean;
}

export interface Job {
  file: string;
  entry: PageDataEntry;
  key: string;
}

// the code every page's data passes through besides its own module (precompute itself imports every page)
const SHARED_CODE = [
  "pipelines/lib/stage-entries.ts",
  "pipelines/channel-quality/duplicate-lead-flags.ts",
  "site/hidden-names.ts",
  "site/period-files.ts",
  "site/table-fingerprints.ts",
  "site/recording-connection.ts",
  "site/page-data-cache.ts"
];

/**
 * Computes every registered page data file from the warehouse into `root` (the site's source folder),
 * where Framework takes a file that exists over its loader. A file whose code, settings and tables are the
 * same as at an earlier build of this warehouse is copied from that build (page-data-cache.ts) unless
 * `reuse` is false. With `workers` above 1 the registry's files are computed in as many child processes
 * (page-data-workers.ts), each on a read-only connection of its own, so that both cores work on the
 * JavaScript as well as in DuckDB; with 1, in this process. Each connection computes the stage entries and
 * the duplicate leads once, if it computes anything. Language and hidden names come from SHANGJI_LOCALE and
 * SHANGJI_HIDE, as for the loaders.
 * `entries` are the registry's (PAGE_DATA) but in tests.
 */
export async function precomputePageData(
  warehousePath: string,
  root: string,
  workers = 2,
  reuse = true,
  entries: PageDataEntry[] = PAGE_DATA
): Promise<PrecomputedFile[]> {
  const warehouse = await openWarehouse(warehousePath, {readOnly: true});
  const hidden = hiddenDimensions();
  try {
    const tables = await tableFingerprints(warehouse.connection);
    const settings = await buildSettings(warehouse.connection);
    const cache = new PageDataCache(resolve(warehousePath), settings);
    const done: PrecomputedFile[] = [];
    const queue: Job[] = [];
    for (const job of listJobs(entries)) {
      const files = reuse ? cache.reuse(job.file, job.key, tables, root) : null;
      if (files) done.push(...files.map((file) => ({file, bytes: fileBytes(root, file), seconds: 0, reused: true})));
      else queue.push(job);
    }
    const written = (job: Job, files: {file: string; bytes: number}[], read: Map<string, string>, seconds: number) => {
      done.push(...files.map(({file, bytes}, i) => ({file, bytes, seconds: i === 0 ? seconds : 0, reused: false})));
      cache.store(
        job.file,
        job.key,
        read,
        files.map(({file}) => file),
        root
      );
    };
    if (queue.length > 0 && workers > 1 && entries === PAGE_DATA)
      await computeInWorkers({warehouse: warehousePath, root, tables}, queue, Math.min(workers, queue.length), written);
    else if (queue.length > 0)
      await computeJobs(
        warehouse.connection,
        async () => queue.shift(),
        tables,
        (job, data, read, seconds) => written(job, writeJobFiles(root, hidden, job, data), read, seconds)
      );
    cache.save();
    return done.sort((a, b) => b.seconds - a.seconds);
  } finally {
    warehouse.close();
  }
}

/** Every page data job: one per entry, with its cache key. */
function listJobs(entries: PageDataEntry[]): Job[] {
  return entries.map((entry) => {
    const code = codeFingerprint([join(PROJECT_ROOT, "site", entry.source)]);
    return {file: entry.file, entry, key: fingerprint(entry.file, code)};
  });
}

/** A value computed for some page data and the statements computing it ran. */
interface Computed {
  value: unknown;
  statements: string[];
}

/**
 * Runs the jobs `next` hands out, until it has none, on one connection and hands each job's data to `done`
 * with the tables it read: those its statements named, and for a temporary table of the preparation (stage
 * entries, duplicate leads) the tables that preparation named. A shared input (SharedInputs) is computed by
 * the first job to ask, and its statements count for every job that asks.
 */
export async function computeJobs(
  raw: DuckDBConnection,
  next: () => Promise<Job | undefined>,
  tables: Map<string, string>,
  done: (job: Job, data: unknown, read: Map<string, string>, seconds: number) => void
): Promise<void> {
  const recorder = recordingConnection(raw);
  const connection = recorder.connection;
  const shared = new Map<keyof SharedInputs, Promise<Computed>>();
  const base = [...tables.keys()];
  const temporary = new Map<string, Set<string>>();
  const notePrepared = async () => {
    const named = tablesNamedIn(recorder.take(), base);
    for (const name of await temporaryTables(raw)) if (!temporary.has(name)) temporary.set(name, named);
  };
  await withStageEntries(connection, async () => {
    await notePrepared();
    return withDuplicateLeadFlags(connection, async () => {
      await notePrepared();
      for (let job = await next(); job; job = await next()) {
        const started = performance.now();
        const statements: string[] = [];
        const use = async (name: keyof SharedInputs, compute: () => Promise<unknown>) => {
          if (!shared.has(name)) {
            statements.push(...recorder.take());
            shared.set(
              name,
              compute().then((value) => ({value, statements: recorder.take()}))
            );
          }
          const computed = await shared.get(name)!;
          statements.push(...computed.statements);
          return computed.value;
        };
        const inputs: SharedInputs = {
          scored: () => use("scored", () => scoredNow(connection)) as ReturnType<SharedInputs["scored"]>
        };
        recorder.take();
        const data = await job.entry.read(connection, inputs);
        const seconds = (performance.now() - started) / 1000;
        statements.push(...recorder.take());
        const named = tablesNamedIn(statements, [...base, ...temporary.keys()]);
        for (const [name, sources] of temporary) if (named.has(name)) for (const source of sources) named.add(source);
        const read = new Map(
          [...named].filter((name) => tables.has(name)).map((name) => [name, tables.get(name) ?? ""])
        );
        done(job, data, read, seconds);
      }
    });
  });
}

async function temporaryTables(connection: DuckDBConnection): Promise<string[]> {
  const rows = await readRows<{name: string}>(
    connection,
    `SELECT lower(table_name) AS name FROM information_schema.tables WHERE table_catalog = 'temp'`
  );
  return rows.map((row) => row.name);
}

/**
 * What every page's data depends on besides its tables and its own code: the settings of the build, the
 * project configuration, the installed packages, the shared code, and "today" for a warehouse without
 * exports (whose periods end today).
 */
async function buildSettings(connection: DuckDBConnection): Promise<string> {
  const variables = [
    "SHANGJI_LOCALE",
    "SHANGJI_HIDE",
    "SHANGJI_FILTER_VALUES",
    "SHANGJI_SLUG_KEY",
    "SHANGJI_CONFIG",
    FOLLOW_UP_VARIABLE,
    DISPLAY_NAMES_VARIABLE
  ];
  const config = resolve(process.env.SHANGJI_CONFIG ?? PROJECT_CONFIG_FILE);
  return fingerprint(
    variables.map((name) => process.env[name] ?? null),
    existsSync(config) ? readFileSync(config, "utf8") : null,
    readFileSync(join(PROJECT_ROOT, "package-lock.json"), "utf8"),
    codeFingerprint(SHARED_CODE.map((file) => join(PROJECT_ROOT, file))),
    (await latestExport(connection)) ?? startOfToday()
  );
}

function fileBytes(root: string, file: string): number {
  return readFileSync(join(root, file)).byteLength;
}

/** Writes a job's data to its files under `root`, without the names of the `hidden` dimensions; their sizes. */
export function writeJobFiles(
  root: string,
  hidden: HiddenDimension[],
  job: Job,
  data: unknown
): {file: string; bytes: number}[] {
  return filesOf(job, data).map(([file, content]) => {
    const text = JSON.stringify(withoutHiddenNames(content, hidden));
    mkdirSync(dirname(join(root, file)), {recursive: true});
    writeFileSync(join(root, file), text);
    return {file, bytes: Buffer.byteLength(text)};
  });
}

/** The files a job's data is written to: its file, a head and one part per period (period-files.ts), or its `files`. */
function filesOf(job: Job, data: unknown): [string, unknown][] {
  const {periodFiles, files} = job.entry;
  if (files) return files(data);
  if (!periodFiles) return [[job.file, data]];
  const paged = data as {slices: Record<string, unknown>};
  return [
    [job.file, periodHead(paged)],
    ...slicePeriods(paged).map((period): [string, unknown] => [
      periodFiles.replace("[period]", period),
      periodPart(paged, period)
    ])
  ];
}

/**
 * Removes page data files a killed build left in the source folder (src/data/**\/*.json): Framework would
 * serve them instead of running their loaders.
 */
export function removePageDataFiles(root: string): void {
  const folder = join(root, "data");
  if (!existsSync(folder)) return;
  for (const entry of readdirSync(folder, {recursive: true, withFileTypes: true})) {
    if (entry.isFile() && entry.name.endsWith(".json")) rmSync(join(entry.parentPath, entry.name));
  }
}
