import {createHash} from "node:crypto";
import {cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync} from "node:fs";
import {dirname, join} from "node:path";
import {besideWarehouse} from "../warehouse/archive-manifest.ts";
import {replaceFile} from "./replace-file.ts";

/** What a cached page data job was computed from, and the files it wrote. */
export interface CachedJob {
  /** the code, settings and parameter it was computed with (pageJobKey) */
  key: string;
  /** each table it read, with the table's fingerprint at the time */
  tables: Record<string, string>;
  /** each file under the site's source folder, and the blob in the cache holding its content */
  files: {file: string; blob: string}[];
}

interface Manifest {
  jobs: Record<string, CachedJob>;
}

// folders of other settings (the other language, another publishing choice) kept beside the current one
const KEPT_SETTINGS = 4;

/** A hash of the parts given, in order. */
export function fingerprint(...parts: unknown[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${JSON.stringify(part)}\0`);
  return hash.digest("hex");
}

/**
 * The page data of earlier builds of one warehouse with one set of settings, in `data/warehouse.page-cache/`:
 * a job whose code, settings and parameter are the same and whose tables have not changed since is copied,
 * not computed again.
 */
export class PageDataCache {
  private readonly folder: string;
  private readonly manifest: Manifest;
  private readonly next: Manifest = {jobs: {}};

  constructor(warehousePath: string, settings: string) {
    this.folder = join(besideWarehouse(warehousePath, "page-cache"), settings.slice(0, 16));
    this.manifest = readManifest(join(this.folder, "manifest.json"));
  }

  /** Copies a job's files into `root` when its cached data is current; false when it must be computed. */
  reuse(job: string, key: string, tables: Map<string, string>, root: string): string[] | null {
    const cached = this.manifest.jobs[job];
    if (!cached || cached.key !== key) return null;
    if (!Object.entries(cached.tables).every(([name, print]) => tables.get(name) === print)) return null;
    if (!cached.files.every(({blob}) => existsSync(this.blob(blob)))) return null;
    for (const {file, blob} of cached.files) {
      mkdirSync(dirname(join(root, file)), {recursive: true});
      cpSync(this.blob(blob), join(root, file));
    }
    this.next.jobs[job] = cached;
    return cached.files.map(({file}) => file);
  }

  /**
   * Keeps the files a job has just written to `root`, to be reused by later builds. Stored by content, so
   * the previous manifest stays true until this build's replaces it: a failed build leaves no wrong entry.
   */
  store(job: string, key: string, tables: Map<string, string>, files: string[], root: string): void {
    mkdirSync(join(this.folder, "blobs"), {recursive: true});
    const stored = files.map((file) => {
      const content = readFileSync(join(root, file));
      const blob = createHash("sha256").update(content).digest("hex");
      // whole or absent: a blob is trusted by its name, and a killed build must not leave half of one
      if (!existsSync(this.blob(blob))) {
        replaceFile(this.blob(blob), content);
      }
      return {file, blob};
    });
    this.next.jobs[job] = {key, tables: Object.fromEntries([...tables].sort()), files: stored};
  }

  private blob(name: string): string {
    return join(this.folder, "blobs", name);
  }

  /** Writes the manifest of this build (jobs no longer built are dropped) and prunes old settings' folders. */
  save(): void {
    mkdirSync(join(this.folder, "blobs"), {recursive: true});
    const kept = new Set(Object.values(this.next.jobs).flatMap((job) => job.files.map(({blob}) => blob)));
    for (const name of readdirSync(join(this.folder, "blobs"))) if (!kept.has(name)) rmSync(this.blob(name));
    const path = join(this.folder, "manifest.json");
    replaceFile(path, JSON.stringify(this.next));
    pruneSettings(dirname(this.folder));
  }
}

function readManifest(path: string): Manifest {
  try {
    const manifest = JSON.parse(readFileSync(path, "utf8")) as Manifest;
    return manifest && typeof manifest.jobs === "object" ? manifest : {jobs: {}};
  } catch {
    // no cache yet, or one a killed build left half-written: everything is computed
    return {jobs: {}};
  }
}

function pruneSettings(cache: string): void {
  const folders = readdirSync(cache, {withFileTypes: true})
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(cache, entry.name))
    .sort((a, b) => modified(b) - modified(a));
  for (const folder of folders.slice(KEPT_SETTINGS)) rmSync(folder, {recursive: true, force: true});
}

function modified(folder: string): number {
  const manifest = join(folder, "manifest.json");
  return existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
}
