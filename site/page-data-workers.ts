import {fork, type ChildProcess} from "node:child_process";
import {createRequire} from "node:module";
import {fileURLToPath, pathToFileURL} from "node:url";
import {CliError} from "../config/cli-error.ts";
import {pageDataEntry} from "./page-data-registry.ts";
import type {Job} from "./precompute-page-data.ts";

/** What a worker is started with. */
export interface WorkerStart {
  warehouse: string;
  root: string;
  /** the warehouse's tables and their fingerprints */
  tables: Map<string, string>;
}

/** A job as sent to a worker: its entry by the entry's file name. */
export interface WorkerJob {
  file: string;
  key: string;
  entry: string;
}

export type ToWorker =
  | {type: "start"; warehouse: string; root: string; tables: [string, string][]}
  | {type: "job"; job: WorkerJob}
  | {type: "end"};

export type FromWorker =
  | {type: "next"}
  | {type: "done"; file: string; written: {file: string; bytes: number}[]; read: [string, string][]; seconds: number}
  | {type: "error"; message: string; exitCode: number | null};

const WORKER = fileURLToPath(new URL("./page-data-worker.ts", import.meta.url));
// the child runs TypeScript as this process does, through tsx, wherever it is started from
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/**
 * Computes `queue` in `count` child processes (page-data-worker.ts), handing out one job at a time to the
 * first worker that asks, and passes each job's written files and read tables to `done`. Jobs that read the
 * same shared input (an entry's `shares`) go to the worker that took the first of them, which computes it once.
 * A worker's failure stops the others and rejects, with the worker's message.
 */
export async function computeInWorkers(
  start: WorkerStart,
  queue: Job[],
  count: number,
  done: (job: Job, written: {file: string; bytes: number}[], read: Map<string, string>, seconds: number) => void
): Promise<void> {
  const claimed = new Map<string, number>();
  const running = new Map<string, Job>();
  const children: ChildProcess[] = [];
  const pick = (worker: number): Job | undefined => {
    const free = (job: Job) => (job.entry.shares ?? []).every((s) => (claimed.get(s) ?? worker) === worker);
    const index = queue.findIndex(free);
    if (index < 0) return undefined;
    const [job] = queue.splice(index, 1);
    for (const input of job.entry.shares ?? []) claimed.set(input, worker);
    return job;
  };
  const run = (worker: number) =>
    new Promise<void>((resolve, reject) => {
      const child = fork(WORKER, [], {execArgv: ["--import", TSX], stdio: ["ignore", "inherit", "inherit", "ipc"]});
      children.push(child);
      let failed: Error | null = null;
      const send = (message: ToWorker) => child.send(message);
      child.on("message", (message: FromWorker) => {
        if (message.type === "next") {
          const job = pick(worker);
          if (!job) return send({type: "end"});
          running.set(job.file, job);
          send({type: "job", job: {file: job.file, key: job.key, entry: job.entry.file}});
        } else if (message.type === "done") {
          const job = running.get(message.file)!;
          running.delete(message.file);
          done(job, message.written, new Map(message.read), message.seconds);
        } else {
          failed =
            message.exitCode === null
              ? new Error(message.message)
              : new CliError(message.message, {exitCode: message.exitCode});
        }
      });
      child.on("error", reject);
      child.on("exit", (code, signal) => {
        if (code === 0 && !failed) resolve();
        else reject(failed ?? new Error(`a page data worker stopped (${signal ?? `exit code ${code}`})`));
      });
      send({type: "start", warehouse: start.warehouse, root: start.root, tables: [...start.tables]});
    });
  try {
    await Promise.all(Array.from({length: count}, (_, worker) => run(worker)));
  } catch (error) {
    for (const child of children) child.kill();
    throw error;
  }
}

/** The registry entry a worker job names. */
export function workerEntry(job: WorkerJob): Job {
  const entry = pageDataEntry(job.entry);
  if (!entry) throw new Error(`no page data entry ${job.entry}`);
  return {file: job.file, key: job.key, entry};
}
