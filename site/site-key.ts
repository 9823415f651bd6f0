import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join, relative, resolve} from "node:path";
import {latestExport} from "../pipelines/lib/latest-export.ts";
import {PROJECT_CONFIG_FILE} from "../config/project-config.ts";
import {openWarehouse} from "../warehouse/open-warehouse.ts";
import {fingerprint} from "./page-data-cache.ts";
import {PROJECT_ROOT} from "./project-root.ts";
import {startOfToday} from "./site-now.ts";
import {tableFingerprints} from "./table-fingerprints.ts";

// the code and pages a site is built from; src/data/**/*.json are page data a build writes there
const SOURCES = ["loaders", "pipelines", "src"];
const SOURCE_FILES = ["observablehq.config.ts", "package-lock.json"];

/**
 * A fingerprint of everything a site is built from: the warehouse's tables, the code, the pages, the
 * installed packages, the project configuration and the build's settings. Equal keys build equal sites.
 */
export async function siteKey(warehousePath: string, settings: Record<string, unknown>): Promise<string> {
  const warehouse = await openWarehouse(warehousePath, {readOnly: true});
  try {
    const tables = await tableFingerprints(warehouse.connection);
    const today = (await latestExport(warehouse.connection)) ?? startOfToday();
    const config = resolve(process.env.SHANGJI_CONFIG ?? PROJECT_CONFIG_FILE);
    return fingerprint(
      settings,
      [...tables].sort(),
      today,
      existsSync(config) ? readFileSync(config, "utf8") : null,
      sourceFiles().map((file) => [relative(PROJECT_ROOT, file), readFileSync(file, "utf8")])
    );
  } finally {
    warehouse.close();
  }
}

function sourceFiles(): string[] {
  const files = SOURCE_FILES.map((file) => join(PROJECT_ROOT, file));
  for (const folder of SOURCES) {
    for (const entry of readdirSync(join(PROJECT_ROOT, folder), {recursive: true, withFileTypes: true})) {
      const path = join(entry.parentPath, entry.name);
      const rel = relative(PROJECT_ROOT, path);
      if (!entry.isFile() || rel.includes(".observablehq") || (rel.startsWith("src/data/") && rel.endsWith(".json")))
        continue;
      files.push(path);
    }
  }
  return files.sort();
}
