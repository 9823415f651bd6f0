import {createHash} from "node:crypto";
import {createReadStream, existsSync, readdirSync, statSync} from "node:fs";
import {extname, join, relative} from "node:path";
import {CliError} from "../cli/cli-error.ts";
import {readMappingFile, type MappingFile} from "../mapping/mapping-file.ts";

/** A mapping file with this name inside an exports folder applies to that folder. */
export const FOLDER_MAPPING = "shangji-mapping.json";
const EXPORT_EXTENSIONS = new Set([".csv", ".tsv", ".txt", ".xlsx"]);

/** The export files named on the command line: files as given, folders by their exports (sorted, not recursive). */
export function findExportFiles(paths: string[]): {files: string[]; mapping?: MappingFile} {
  if (paths.length === 0) throw new CliError("no exports given: name files or folders to ingest", {exitCode: 2});
  const files: string[] = [];
  let mapping: MappingFile | undefined;
  for (const path of paths) {
    if (!existsSync(path)) throw new CliError(`no such file or folder: ${path}`, {exitCode: 3});
    if (statSync(path).isDirectory()) {
      const names = readdirSync(path)
        .filter((name) => !name.startsWith("."))
        .sort();
      if (names.includes(FOLDER_MAPPING)) mapping = readMappingFile(join(path, FOLDER_MAPPING));
      for (const name of names)
        if (EXPORT_EXTENSIONS.has(extname(name).toLowerCase())) files.push(displayPath(join(path, name)));
    } else {
      files.push(displayPath(path));
    }
  }
  if (files.length === 0)
    throw new CliError(`no export files (.csv, .tsv, .txt, .xlsx) in ${paths.join(", ")}`, {exitCode: 3});
  return {files, mapping};
}

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
