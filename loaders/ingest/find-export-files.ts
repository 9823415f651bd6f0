import {createHash} from "node:crypto";
import {createReadStream, readdirSync, statSync} from "node:fs";
import {basename, extname, join, relative} from "node:path";
import {CliError} from "../../config/cli-error.ts";
import {readMappingFile, type MappingFile} from "../mapping/mapping-file.ts";

/** A mapping file with this name inside an exports folder applies to that folder. */
export const FOLDER_MAPPING = "shangji-mapping.json";
const EXPORT_EXTENSIONS = new Set([".csv", ".tsv", ".txt", ".xlsx"]);

export interface ExportFiles {
  files: string[];
  mapping?: MappingFile;
  /** what was passed over, and why: "skipped exports/old.csv: a folder …" */
  skipped: string[];
}

type Kind = "file" | "folder" | "missing" | "a named pipe" | "a socket" | "a device";

/**
 * The export files named on the command line: files as given, folders by their exports (sorted, not recursive).
 * Only regular files are read: a named pipe or a device would never end, a folder cannot be read as one.
 */
export function findExportFiles(paths: string[]): ExportFiles {
  if (paths.length === 0) throw new CliError("no exports given: name files or folders to ingest", {exitCode: 2});
  const found: ExportFiles = {files: [], skipped: []};
  for (const path of paths) {
    const kind = kindOf(path);
    if (kind === "missing") throw new CliError(`no such file or folder: ${path}`, {exitCode: 3});
    if (kind === "folder") readFolder(path, found);
    else if (kind !== "file")
      throw new CliError(`${path} is ${kind}, not an export file: name export files or folders`, {exitCode: 3});
    else if (isLockFile(basename(path))) found.skipped.push(skipped(path, LOCK_FILE));
    else found.files.push(displayPath(path));
  }
  if (found.files.length === 0)
    throw new CliError(
      [`no export files (.csv, .tsv, .txt, .xlsx) in ${paths.join(", ")}`, ...found.skipped].join("; "),
      {exitCode: 3}
    );
  return found;
}

function readFolder(folder: string, found: ExportFiles) {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (name === FOLDER_MAPPING && kindOf(path) === "file") {
      found.mapping = readMappingFile(path);
      continue;
    }
    const why = passOver(name, path);
    if (why === undefined) found.files.push(displayPath(path));
    else if (why !== "") found.skipped.push(skipped(path, why));
  }
}

/** Why an entry of an exports folder is not read: a note, "" where its name says it is no export, undefined if read. */
function passOver(name: string, path: string): string | undefined {
  const isExport = EXPORT_EXTENSIONS.has(extname(name).toLowerCase());
  if (isLockFile(name)) return LOCK_FILE;
  // other hidden files are the system's (.DS_Store, .git)
  if (name.startsWith(".")) return isExport ? "a hidden file" : "";
  const kind = kindOf(path);
  if (kind === "file") return isExport ? undefined : "";
  if (kind === "folder") return "a folder (folders inside an exports folder are not read)";
  if (kind === "missing") return "a link to a file that does not exist";
  return `${kind}, not a file`;
}

/** What the path is, following links. */
function kindOf(path: string): Kind {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "ELOOP") return "missing";
    throw error;
  }
  if (stats.isFile()) return "file";
  if (stats.isDirectory()) return "folder";
  if (stats.isFIFO()) return "a named pipe";
  if (stats.isSocket()) return "a socket";
  return "a device";
}

/** Excel's `~$deals.xlsx` and LibreOffice's `.~lock.deals.csv#`, which they keep beside a file while it is open. */
function isLockFile(name: string): boolean {
  const locked = name.startsWith("~$") ? name.slice(2) : /^\.~lock\.(.+)#$/.exec(name)?.[1];
  return locked !== undefined && EXPORT_EXTENSIONS.has(extname(locked).toLowerCase());
}

const LOCK_FILE = "a lock file a spreadsheet keeps while an export is open";

const skipped = (path: string, why: string) => `skipped ${displayPath(path)}: ${why}`;

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}

export async function hashFile(path: string): Promise<{sha256: string; bytes: number}> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path, {highWaterMark: 1 << 20})) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return {sha256: hash.digest("hex"), bytes};
}
