import {readdirSync, readFileSync} from "node:fs";
import {dirname, join, normalize, relative} from "node:path";
import {expect, it} from "vitest";

const ROOT = join(import.meta.dirname, "../..");

// the stages of the data's life, from the ground up (README, "Project layout")
const STAGES = ["config", "warehouse", "loaders", "pipelines", "generate", "site", "cli", "src", "bin", "bench"];

// the build writes the site's texts in the site's own words, the cube's files in the groups the browser reads
// them by, and each rep's page data in the shard the rep page looks for it in: plain tables and functions the
// browser uses too, which import nothing
const SHARED_WITH_THE_BUILD = [
  "src/components/cube-measure-groups.js",
  "src/components/display-names.js",
  "src/components/rep-shard.js",
  "src/locales/common.js"
];

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), {withFileTypes: true, recursive: true})
    .filter((entry) => entry.isFile() && /\.(ts|js|mjs|md)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((file) => !file.includes("node_modules") && !file.includes(".observablehq"));
}

it("has each stage import only from the stages below it", () => {
  const upward: string[] = [];
  for (const stage of STAGES) {
    for (const file of sourceFiles(stage)) {
      for (const [, specifier] of readFileSync(join(ROOT, file), "utf8").matchAll(IMPORT)) {
        const target = normalize(join(dirname(file), specifier));
        const below = STAGES.indexOf(target.split("/")[0]);
        if (below > STAGES.indexOf(stage) && !SHARED_WITH_THE_BUILD.includes(target))
          upward.push(`${file} → ${target}`);
      }
    }
  }
  expect(upward).toEqual([]);
});

it("finds the imports it checks", () => {
  const imports = sourceFiles("pipelines").flatMap((file) => [
    ...readFileSync(join(ROOT, file), "utf8").matchAll(IMPORT)
  ]);
  expect(imports.length).toBeGreaterThan(100);
  expect(imports.some(([, specifier]) => specifier.includes("warehouse/"))).toBe(true);
});
