import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {pageDataSizes} from "../../site/page-data-sizes.ts";

const register = (name: string, path: string, size: number) =>
  `registerFile("${name}", {"name":"${name}","mimeType":"application/json","path":"${path}","lastModified":1,"size":${size}});`;

describe("pageDataSizes(folder)", () => {
  it("counts the files a page loads for one view: of the per-period files and the rep pages' shards the largest only, and no cube file", () => {
    const folder = mkdtempSync(join(tmpdir(), "shangji-sizes-"));
    writeFileSync(
      join(folder, "reps.html"),
      `<script type="module">
${register("./data/site.json", "./_file/data/site.1a2b.json", 1000)}
${register("./data/reps.json", "./_file/data/reps.3c4d.json", 20000)}
${register("./data/reps-period/qtd.json", "./_file/data/reps-period/qtd.5e6f.json", 300000)}
${register("./data/reps-period/ytd.json", "./_file/data/reps-period/ytd.7a8b.json", 450000)}
${register("./data/cube-keys.json", "./_file/data/cube-keys.9f9f.json", 9000)}
${register("./data/cube.json", "./_file/data/cube.0a0a.json", 280000)}
${register("./data/cube-reps/07.json", "./_file/data/cube-reps/07.1b1b.json", 200000)}
${register("./data/cube-reps-period/ytd-closed.json", "./_file/data/cube-reps-period/ytd-closed.2c2c.json", 990000)}
</script>`
    );
    writeFileSync(
      join(folder, "rep.html"),
      `<script type="module">
${register("./data/site.json", "./_file/data/site.1a2b.json", 1000)}
${register("./data/rep-pages/00.json", "./_file/data/rep-pages/00.3d3d.json", 150000)}
${register("./data/rep-pages/01.json", "./_file/data/rep-pages/01.4e4e.json", 170000)}
${register("./data/rep-pages/02.json", "./_file/data/rep-pages/02.5f5f.json", 2)}
</script>`
    );
    writeFileSync(
      join(folder, "index.html"),
      `<script>${register("./data/site.json", "./_file/data/site.1a2b.json", 1000)}</script>`
    );
    expect(pageDataSizes(folder)).toEqual([
      {
        page: "reps.html",
        // 1000 + 20000 + the larger period file, 450000, + the cube's keys, 9000
        dataBytes: 480000,
        largestFile: "_file/data/reps-period/ytd.7a8b.json",
        largestBytes: 450000
      },
      // one rep's shard per view: the largest
      {page: "rep.html", dataBytes: 171000, largestFile: "_file/data/rep-pages/01.4e4e.json", largestBytes: 170000},
      {page: "index.html", dataBytes: 1000, largestFile: "_file/data/site.1a2b.json", largestBytes: 1000}
    ]);
  });
});
