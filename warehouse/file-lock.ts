import {closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync} from "node:fs";
import {dirname} from "node:path";
import {CliError, EXIT} from "../config/cli-error.ts";

export interface LockOptions {
  /** how long to wait for another process to finish, in milliseconds; default SHANGJI_LOCK_TIMEOUT seconds or 600 s */
  timeoutMs?: number;
  /** what the lock protects, for the message: "the site build of /work/dist" */
  what: string;
}

const POLL_MS = 250;

/** Locks this process holds, with how many holders: a process never waits for itself. */
const held = new Map<string, number>();

/**
 * Runs `work` holding an exclusive lock file (created with O_EXCL, holding the owner's pid). Another
 * process waits for it up to the timeout, then fails with exit code 4 naming the owner. A lock left by
 * a process that no longer runs (killed) is taken over.
 */
export async function withFileLock<T>(path: string, options: LockOptions, work: () => Promise<T>): Promise<T> {
  const release = await acquireFileLock(path, options);
  try {
    return await work();
  } finally {
    release();
  }
}

/** Takes the lock (waiting as withFileLock does) and returns the function that releases it. */
export async function acquireFileLock(path: string, options: LockOptions): Promise<() => void> {
  const count = held.get(path);
  if (count) {
    held.set(path, count + 1);
    return once(() => releaseHeld(path));
  }
  const timeoutMs = options.timeoutMs ?? Number(process.env.SHANGJI_LOCK_TIMEOUT ?? 600) * 1000;
  const deadline = Date.now() + timeoutMs;
  mkdirSync(dirname(path), {recursive: true});
  for (;;) {
    const owner = tryLock(path);
    if (owner === null) break;
    if (!isRunning(owner)) {
      rmSync(path, {force: true});
      continue;
    }
    if (Date.now() >= deadline) {
      throw new CliError(
        `${options.what} is in use by process ${owner}; waited ${Math.round(timeoutMs / 1000)} s (SHANGJI_LOCK_TIMEOUT)`,
        {exitCode: EXIT.busy}
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  held.set(path, 1);
  return once(() => releaseHeld(path));
}

function releaseHeld(path: string): void {
  const count = held.get(path) ?? 0;
  if (count > 1) return void held.set(path, count - 1);
  held.delete(path);
  rmSync(path, {force: true});
}

function once(release: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    release();
  };
}

/** null when the lock was taken; otherwise the pid of its owner (0 when unreadable yet). */
function tryLock(path: string): number | null {
  try {
    const fd = openSync(path, "wx");
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    try {
      return Number(readFileSync(path, "utf8")) || 0;
    } catch {
      return 0;
    }
  }
}

function isRunning(pid: number): boolean {
  // 0: the owner has created the file but not written its pid yet
  if (pid === 0) return true;
  // our own pid in a lock this process does not hold: left by an earlier process that had our pid
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
