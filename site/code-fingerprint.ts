import {createHash} from "node:crypto";
import {existsSync, readFileSync} from "node:fs";
import {dirname, resolve} from "node:path";

// static `import … from "./x"`, `export … from "./x"`, `import "./x"` and `import("./x")`: relative paths only,
// since a package's code is pinned by the lock file
const RELATIVE_IMPORT = /\bfrom\s*["'](\.{1,2}\/[^"']+)["']|\bimport\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

export type ReadSource = (file: string) => string | undefined;

const readSource: ReadSource = (file) => (existsSync(file) ? readFileSync(file, "utf8") : undefined);

/** A module and every module it imports by a relative path, transitively: absolute paths, sorted. */
export function moduleGraph(entry: string, read: ReadSource = readSource): string[] {
  const seen = new Set<string>();
  const pending = [resolve(entry)];
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const text = read(file);
    if (text === undefined) continue;
    for (const match of text.matchAll(RELATIVE_IMPORT)) pending.push(resolve(dirname(file), match[1] ?? match[2]));
  }
  return [...seen].sort();
}

/** A hash of the code a module runs: its own source and that of every module it imports, by path. */
export function codeFingerprint(entries: string[], read: ReadSource = readSource): string {
  const hash = createHash("sha256");
  const files = new Set(entries.flatMap((entry) => moduleGraph(entry, read)));
  for (const file of [...files].sort()) hash.update(`${file}\0${read(file) ?? "(missing)"}\0`);
  return hash.digest("hex");
}
