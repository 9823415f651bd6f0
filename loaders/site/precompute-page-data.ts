import {existsSync, mkdirSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {withDuplicateLeadFlags} from "../../pipelines/channel-quality.ts";
import {withStageEntries} from "../../pipelines/lib/stage-entries.ts";
import {openWarehouse} from "../warehouse/open-warehouse.ts";
import {hiddenDimensions, withoutHiddenNames} from "./hidden-names.ts";
import {PAGE_DATA, type PageDataEntry} from "./page-data-registry.ts";
import {periodHead, periodPart, slicePeriods} from "./period-files.ts";

/** A page data file computed for a build, and how long it took. */
export interface PrecomputedFile {
  file: string;
  bytes: number;
  seconds: number;
}

interface Job {
  file: string;
  entry: PageDataEntry;
  param?: string;
}

/**
 * Computes every registered page data file from the warehouse into `root` (the site's source folder),
 * where Framework takes a file that exists over its loader. Runs `workers` queues on as many connections
 * of one read-only DuckDB instance so both cores work; each connection computes the stage entries and the
 * duplicate leads once.
 * Language and hidden names come from SHANGJI_LOCALE and SHANGJI_HIDE, as for the loaders.
 */
export async function precomputePageData(warehousePath: string, root: string, workers = 2): Promise<PrecomputedFile[]> {
  const warehouse = await openWarehouse(warehousePath, {readOnly: true});
  const hidden = hiddenDimensions();
  try {
    const queue: Job[] = [];
    for (const entry of PAGE_DATA) {
      if (!entry.params) queue.push({file: entry.file, entry});
      else
        for (const param of await entry.params(warehouse.connection))
          queue.push({file: entry.file.replace(/\[\w+\]/, param), entry, param});
    }
    const connections: DuckDBConnection[] = [warehouse.connection];
    for (let i = 1; i < workers; i++) connections.push(await warehouse.connect());
    const done: PrecomputedFile[] = [];
    await Promise.all(
      connections.map((connection) =>
        withStageEntries(connection, () =>
          withDuplicateLeadFlags(connection, async () => {
            const prepared = new Map<PageDataEntry, Promise<unknown>>();
            const prepare = (entry: PageDataEntry) => {
              if (!entry.prepare) return undefined;
              if (!prepared.has(entry)) prepared.set(entry, entry.prepare(connection));
              return prepared.get(entry);
            };
            for (let job = queue.shift(); job; job = queue.shift()) {
              const started = performance.now();
              const data = await job.entry.read(connection, job.param, await prepare(job.entry));
              const seconds = (performance.now() - started) / 1000;
              for (const [i, [file, content]] of filesOf(job, data).entries()) {
                const text = JSON.stringify(withoutHiddenNames(content, hidden));
                const path = join(root, file);
                mkdirSync(dirname(path), {recursive: true});
                writeFileSync(path, text);
                done.push({file, bytes: Buffer.byteLength(text), seconds: i === 0 ? seconds : 0});
              }
            }
          })
        )
      )
    );
    return done.sort((a, b) => b.seconds - a.seconds);
  } finally {
    warehouse.close();
  }
}

/** The files a job's data is written to: its file, or a head and one part per period (period-files.ts). */
function filesOf(job: Job, data: unknown): [string, unknown][] {
  const {periodFiles} = job.entry;
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
