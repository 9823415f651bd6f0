import {readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";

export interface RemoteReference {
  /** path relative to the scanned folder, with / separators */
  file: string;
  /** the offending text, e.g. `src="https://cdn.jsdelivr.net/…` */
  match: string;
}

// Anything that makes a browser fetch from another host. Plain `http://www.w3.org/2000/svg`
// namespace strings and links in <a href> are not fetches and stay allowed.
const PATTERNS: RegExp[] = [
  /cdn\.jsdelivr\.net|esm\.sh|unpkg\.com|\bunpkg\b|fonts\.googleapis\.com|fonts\.gstatic\.com/g,
  /\bsrc\s*=\s*["']?(?:https?:)?\/\/[^"'\s>]*/g, // <script src>, <img src>, <iframe src>
  /<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?\/\/[^"'\s>]*/g,
  /\b(?:import|export)\b[^"';]*?\bfrom\s*["'](?:https?:)?\/\/[^"']*/g, // static import / re-export
  /\bimport\s*["'](?:https?:)?\/\/[^"']*/g, // side-effect import
  /\bimport\s*\(\s*["'`](?:https?:)?\/\/[^"'`]*/g, // dynamic import()
  /@import\s*["'](?:https?:)?\/\/[^"']*/g, // CSS @import "…"
  /\burl\(\s*["']?(?:https?:)?\/\/[^"')\s]*/g // CSS url(): @import url(…), fonts, images
];

const TEXT_FILE = /\.(?:html|js|mjs|css|json|svg|txt|map)$/i;

/** Scans every text file under `folder` for references that would load from a remote address. */
export function findRemoteReferences(folder: string): RemoteReference[] {
  const references: RemoteReference[] = [];
  for (const path of listFiles(folder)) {
    if (!TEXT_FILE.test(path)) continue;
    const text = readFileSync(path, "utf8");
    for (const pattern of PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        references.push({file: relative(folder, path).split("\\").join("/"), match: match[0].slice(0, 120)});
      }
    }
  }
  return references;
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, {withFileTypes: true, recursive: true})
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
