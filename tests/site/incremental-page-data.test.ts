import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {codeFingerprint, moduleGraph} from "../../site/code-fingerprint.ts";
import {precomputePageData, type PrecomputedFile} from "../../site/precompute-page-data.ts";
import type {PageDataEntry} from "../../site/page-data-registry.ts";
import {PROJECT_ROOT} from "../../site/project-root.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {makeSmallWarehouse} from "./small-warehouse.ts";

const tempDir = () => mkdtempSync(join(tmpdir(), "shangji-incremental-"));

async function run(path: string, sql: string): Promise<void> {
  const warehouse = await openWarehouse(path);
  try {
    await warehouse.connection.run(sql);
  } finally {
    warehouse.close();
  }
}

/** Each file's content, by name. */
function contents(root: string, files: PrecomputedFile[]): Map<string, string> {
  return new Map(files.map((f) => [f.file, readFileSync(join(root, f.file), "utf8")]));
}

// service tickets are read by the service page, the overview's complaint alert, the data-quality page's
// row counts and the site's table list; by no funnel, pipeline, rep or channel page
const READ_TICKETS = ["data/data-quality.json", "data/overview.json", "data/service.json", "data/site.json"];

const addComplaint = (path: string) =>
  run(
    path,
    `INSERT INTO tickets (ticket_id, opened_at, category, _ingest_id, _file, _line)
                   VALUES ('t1', '2024-03-01', 'complaint', 2, 'exports-2/tickets.csv', 2)`
  );

const computed = (files: PrecomputedFile[]) =>
  files
    .filter((f) => !f.reused)
    .map((f) => f.file)
    .sort();

// the files of a build computed from scratch (no reuse) must equal, byte for byte, those of the incremental build
async function expectSameAsFullBuild(path: string, root: string, files: PrecomputedFile[]): Promise<void> {
  const fullRoot = tempDir();
  const full = await precomputePageData(path, fullRoot, 1, false);
  expect(computed(full)).toEqual(full.map((f) => f.file).sort());
  expect(contents(root, files)).toEqual(contents(fullRoot, full));
}

describe("precomputePageData reuses the page data of an earlier build", () => {
  const config = process.env.SHANGJI_CONFIG;
  afterEach(() => {
    if (config === undefined) delete process.env.SHANGJI_CONFIG;
    else process.env.SHANGJI_CONFIG = config;
  });

  it("recomputes nothing when nothing changed, the pages reading a changed table and only those, all on a new configuration", async () => {
    const path = await makeSmallWarehouse();
    const first = await precomputePageData(path, tempDir(), 1);
    expect(first.length).toBeGreaterThan(10);
    expect(first.every((f) => !f.reused)).toBe(true);

    const again = tempDir();
    const unchanged = await precomputePageData(path, again, 1);
    expect(computed(unchanged)).toEqual([]);
    await expectSameAsFullBuild(path, again, unchanged);

    await addComplaint(path);
    const ticketsRoot = tempDir();
    const tickets = await precomputePageData(path, ticketsRoot, 1);
    expect(computed(tickets)).toEqual(READ_TICKETS);
    await expectSameAsFullBuild(path, ticketsRoot, tickets);

    // every page reads the opportunities
    await run(path, `UPDATE opportunities SET amount = 4500 WHERE opportunity_id = 'o4'`);
    const dealsRoot = tempDir();
    const deals = await precomputePageData(path, dealsRoot, 1);
    expect(computed(deals)).toEqual(deals.map((f) => f.file).sort());
    await expectSameAsFullBuild(path, dealsRoot, deals);

    const changedConfig = join(tempDir(), "shangji.config.json");
    writeFileSync(changedConfig, JSON.stringify({locale: "en", site: {filterValues: 5}}));
    process.env.SHANGJI_CONFIG = changedConfig;
    const configured = await precomputePageData(path, tempDir(), 1);
    expect(configured.every((f) => !f.reused)).toBe(true);
  }, 900_000);
});

describe("precomputePageData in two worker processes", () => {
  it("writes what one process writes, byte for byte, and records the same tables as read", async () => {
    const path = await makeSmallWarehouse();
    const workersRoot = tempDir();
    const workers = await precomputePageData(path, workersRoot, 2);
    expect(workers.every((f) => !f.reused)).toBe(true);
    await expectSameAsFullBuild(path, workersRoot, workers);

    // the tables each worker recorded decide what the next build reuses: as in one process
    await addComplaint(path);
    const ticketsRoot = tempDir();
    const tickets = await precomputePageData(path, ticketsRoot, 2);
    expect(computed(tickets)).toEqual(READ_TICKETS);
    await expectSameAsFullBuild(path, ticketsRoot, tickets);
  }, 900_000);
});

describe("precomputePageData with a shared input", () => {
  // two pages read the scores (the first computes them, the second is handed them) and a third only the reps
  const entries: PageDataEntry[] = [
    {
      file: "data/first.json",
      source: "pages/opportunities-data.ts",
      read: async (_, shared) => (await shared!.scored()).scores.rows.map((row) => row.opportunity_id)
    },
    {
      file: "data/second.json",
      source: "pages/follow-up-data.ts",
      read: async (_, shared) => (await shared!.scored()).scores.rows.length
    },
    {
      file: "data/reps.json",
      source: "pages/reps-data.ts",
      read: async (c) => (await c.runAndReadAll("SELECT count(*)::INTEGER FROM reps")).getRowsJS()[0][0]
    }
  ];

  it("counts what the scores read as read by every page that asked for them", async () => {
    const path = await makeSmallWarehouse();
    const first = await precomputePageData(path, tempDir(), 1, true, entries);
    expect(computed(first)).toEqual(["data/first.json", "data/reps.json", "data/second.json"]);
    const root = tempDir();
    // the scorer reads each deal's activities; the reps page does not
    await run(
      path,
      `INSERT INTO activities (activity_id, opportunity_id, rep_id, occurred_at, _ingest_id, _file, _line)
                     VALUES ('a1', 'o3', 'r2', '2024-03-20', 2, 'exports-2/activities.csv', 2)`
    );
    const changed = await precomputePageData(path, root, 1, true, entries);
    expect(computed(changed)).toEqual(["data/first.json", "data/second.json"]);
    // the scores are the two open deals'
    expect(JSON.parse(readFileSync(join(root, "data/first.json"), "utf8")).sort()).toEqual(["o3", "o4"]);
  }, 300_000);
});

describe("codeFingerprint", () => {
  const page = (name: string) => join(PROJECT_ROOT, "site/pages", name);
  const changing = (suffix: string) => (file: string) => {
    const text = readFileSync(file, "utf8");
    return file.endsWith(suffix) ? `${text}\n// changed\n` : text;
  };

  it("changes for the pages whose code imports a changed pipeline file, and for no other", () => {
    const read = changing("pipelines/service/complaint-rate.ts");
    expect(codeFingerprint([page("service-data.ts")], read)).not.toBe(codeFingerprint([page("service-data.ts")]));
    expect(codeFingerprint([page("funnel-data.ts")], read)).toBe(codeFingerprint([page("funnel-data.ts")]));
    const shared = changing("pipelines/lib/context.ts");
    expect(codeFingerprint([page("funnel-data.ts")], shared)).not.toBe(codeFingerprint([page("funnel-data.ts")]));
  });

  it("follows static, re-exported, side-effect and dynamic imports, across lines and cycles", () => {
    const files: Record<string, string> = {
      "/p/a.ts": `import {\n  b,\n  c\n} from "./b.ts";\nexport {d} from "./lib/d.ts";\nimport "./e.ts";\nimport x from "node:fs";`,
      "/p/b.ts": `const f = await import("../q/f.ts"); import {a} from "./a.ts";`,
      "/p/lib/d.ts": `export const d = 1; // from "./not-a-module.ts" in a comment counts too`,
      "/p/e.ts": ``,
      "/q/f.ts": `import type {T} from "./g.ts";`,
      "/q/g.ts": ``
    };
    expect(moduleGraph("/p/a.ts", (file) => files[file])).toEqual([
      "/p/a.ts",
      "/p/b.ts",
      "/p/e.ts",
      "/p/lib/d.ts",
      "/p/lib/not-a-module.ts",
      "/q/f.ts",
      "/q/g.ts"
    ]);
  });
});
