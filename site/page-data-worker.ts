// A child process of computeInWorkers (page-data-workers.ts): computes the page data jobs its parent hands
// out, one at a time, on a read-only connection of its own, and writes their files.
import {CliError} from "../config/cli-error.ts";
import {DEFAULT_MEMORY_LIMIT, openWarehouse} from "../warehouse/open-warehouse.ts";
import {hiddenDimensions} from "./hidden-names.ts";
import {workerEntry, type FromWorker, type ToWorker} from "./page-data-workers.ts";
import {computeJobs, writeJobFiles, type Job} from "./precompute-page-data.ts";

const send = (message: FromWorker) =>
  new Promise<void>((resolve, reject) =>
    process.send!(message, undefined, {}, (error: Error | null) => (error ? reject(error) : resolve()))
  );

let finished = false;
// the parent is gone (killed, or failed elsewhere): stop
process.on("disconnect", () => {
  if (!finished) process.exit(1);
});

let waiting: ((job: Job | undefined) => void) | null = null;
const next = () =>
  new Promise<Job | undefined>((resolve) => {
    waiting = resolve;
    void send({type: "next"});
  });

process.on("message", (message: ToWorker) => {
  if (message.type === "start") void work(message);
  else {
    const resolve = waiting!;
    waiting = null;
    resolve(message.type === "job" ? workerEntry(message.job) : undefined);
  }
});

async function work({warehouse: path, root, tables}: Extract<ToWorker, {type: "start"}>): Promise<void> {
  try {
    // one DuckDB thread each: two workers with a thread each kept both cores busier than with two each
    // (page data of the 100,000-opportunity bench 91 s against 114 s), and half the memory each
    const warehouse = await openWarehouse(path, {readOnly: true, threads: 1, memoryLimit: workerMemoryLimit()});
    const hidden = hiddenDimensions();
    const pending: Promise<void>[] = [];
    try {
      await computeJobs(warehouse.connection, next, new Map(tables), (job, data, read, seconds) => {
        const written = writeJobFiles(root, hidden, job, data);
        pending.push(send({type: "done", file: job.file, written, read: [...read], seconds}));
      });
      await Promise.all(pending);
    } finally {
      warehouse.close();
    }
    finished = true;
    process.disconnect();
  } catch (error) {
    const message =
      error instanceof Error
        ? error instanceof CliError
          ? error.message
          : (error.stack ?? error.message)
        : String(error);
    await send({type: "error", message, exitCode: error instanceof CliError ? error.exitCode : null});
    process.exit(1);
  }
}

/** Half the memory one process may use (SHANGJI_MEMORY_LIMIT or DEFAULT_MEMORY_LIMIT): two workers share it. */
function workerMemoryLimit(): string {
  const limit = process.env.SHANGJI_MEMORY_LIMIT ?? DEFAULT_MEMORY_LIMIT;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B)\s*$/i.exec(limit);
  return match ? `${Number(match[1]) / 2}${match[2]}` : limit;
}
