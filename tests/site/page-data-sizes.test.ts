import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {pageDataSizes} from "../../site/page-data-sizes.ts";

const register = (name: string, path: string, size: number) =>
  `registerFile("${name}", {"name":"${name}","mimeType":"application/json","path":"${path}","lastModified":1,"size":${size}});`;

describe("pageDataSizes(folder)", () => {
  it("counts the files a page loads for one view: all but the largest per-period file only", () => {
    const folder = mkdtempSync(join(tmpdir(), "shangji-sizes-"));
    writeFileSync(
      join(folder, "reps.html"),
      `<script type="module">
${register("./data/site.json", "./_file/data/site.1a2b.json", 1000)}
${register("./data/reps.json", "./_file/data/reps.3c4d.json", 20000)}
${register("./data/reps-period/qtd.json", "./_file/data/reps-period/qtd.5e6f.json", 300000)}
${register("./data/reps-period/ytd.json", "./_file/data/reps-period/ytd.7a8b.json", 450000)}
</script>`
    );
    writeFileSync(
      join(folder, "index.html"),
      `<script>${register("./data/site.json", "./_file/data/site.1a2b.json", 1000)}</script>`
    );
    expect(pageDataSizes(folder)).toEqual([
      {
        page: "reps.html",
        // 1000 + 20000 + the larger period file, 450000
        dataBytes: 471000,
        largestFile: "_file/data/reps-period/ytd.7a8b.json",
        largestBytes: 450000
      },
      {page: "index.html", dataBytes: 1000, largestFile: "_file/data/site.1a2b.json", largestBytes: 1000}
    ]);
  });
});
