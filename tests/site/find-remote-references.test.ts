import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {findRemoteReferences} from "../../site/find-remote-references.ts";

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "shangji-scan-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), {recursive: true});
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("findRemoteReferences(folder)", () => {
  it("finds scripts, stylesheets, imports and fonts loaded from another host", () => {
    const dir = site({
      "index.html": `<link rel="stylesheet" href="https://fonts.example.org/a.css"><script type="module" src="https://cdn.example.org/x.js"></script>`,
      "_import/a.js": `import {x} from "https://esm.example.org/x";export * from "//cdn.example.org/y.js";const m = import("http://m.example.org/z.js");`,
      "_import/b.css": `@import url("https://x.example.org/f.css");.a{background:url(https://x.example.org/i.png)}`,
      "_file/data/x.json": `{"note":"see https://cdn.jsdelivr.net/npm/d3"}`
    });
    expect(findRemoteReferences(dir).map((r) => r.file)).toEqual([
      "_file/data/x.json",
      "_import/a.js",
      "_import/a.js",
      "_import/a.js",
      "_import/b.css",
      "_import/b.css",
      "index.html",
      "index.html"
    ]);
  });

  it("names the offending text", () => {
    const dir = site({"index.html": `<script src="https://unpkg.com/htl"></script>`});
    expect(findRemoteReferences(dir)).toContainEqual({file: "index.html", match: `src="https://unpkg.com/htl`});
  });

  it("allows XML namespaces, outbound links and local paths", () => {
    const dir = site({
      "index.html": `<a href="https://observablehq.com/">docs</a><script src="./_observablehq/client.js"></script><link href="./_import/style.css" rel="stylesheet">`,
      "_node/d3.js": `document.createElementNS("http://www.w3.org/2000/svg","g");import {a} from "../htl/index.js";`,
      "_import/style.css": `.a{background:url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E")}`
    });
    expect(findRemoteReferences(dir)).toEqual([]);
  });
});
