import {existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync} from "node:fs";
import {basename, dirname, join, relative, resolve} from "node:path";

/**
 * Publishes a complete build in `staging` as `out` atomically: `out` is a symbolic link to a folder in
 * `.<out>.sites/`, replaced by rename(2) — a reader (or a process killed at any instant) sees the whole
 * previous site or the whole new one, never a mix or nothing. Older site folders are then removed.
 * A plain folder left at `out` by an earlier version is moved aside first (not atomic, once).
 */
export function publishSite(staging: string, out: string): void {
  const parent = dirname(out);
  const sites = join(parent, `.${basename(out)}.sites`);
  mkdirSync(sites, {recursive: true});
  const target = join(sites, `${Date.now()}-${process.pid}`);
  renameSync(staging, target);
  const link = join(parent, `.${basename(out)}.link-${process.pid}`);
  rmSync(link, {force: true});
  symlinkSync(relative(parent, target), link, "dir");
  if (existsSync(out) && !lstatSync(out).isSymbolicLink()) renameSync(out, join(sites, `${Date.now()}-replaced`));
  renameSync(link, out);
  for (const name of readdirSync(sites)) {
    const folder = join(sites, name);
    if (folder !== target) rmSync(folder, {recursive: true, force: true});
  }
}

/** The folder `out` currently shows: its link's target, or `out` itself when it is a plain folder. */
export function publishedFolder(out: string): string {
  return existsSync(out) && lstatSync(out).isSymbolicLink() ? resolve(dirname(out), readlinkSync(out)) : out;
}
