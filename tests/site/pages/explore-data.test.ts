import {execFile} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {promisify} from "node:util";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingest} from "../../../loaders/ingest/ingest.ts";
import {PROJECT_ROOT} from "../../../site/build-site.ts";
import {openWarehouse} from "../../../warehouse/open-warehouse.ts";
import {readRows} from "../../../warehouse/read-rows.ts";

interface WonRow {
  month: string;
  channel: string;
  n_won: number;
  won_amount: number;
}

/** Runs a data loader as Framework does, in its own process, and parses what it writes. */
async function runLoader(loader: string, warehouse: string): Promise<unknown> {
  const {stdout} = await promisify(execFile)(process.execPath, ["--import", "tsx", loader], {
    cwd: PROJECT_ROOT,
    env: {...process.env, SHANGJI_WAREHOUSE: warehouse},
    maxBuffer: 16 * 1024 * 1024
  });
  return JSON.parse(stdout);
}

describe("src/data/explore.json.ts", () => {
  let folder: string;
  let warehouse: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "shangji-explore-"));
    warehouse = join(folder, "warehouse.duckdb");
    await ingest({paths: [join(PROJECT_ROOT, "data", "sample")], warehouse});
  });
  afterAll(() => rmSync(folder, {recursive: true, force: true}));

  it("writes the sample's won deals per close month and channel, as summed by hand", async () => {
    const rows = (await runLoader("src/data/explore.json.ts", warehouse)) as WonRow[];
    // the won opportunities one by one, summed here rather than in SQL
    const opened = await openWarehouse(warehouse, {readOnly: true});
    const deals = await readRows<{closed_at: string; source: string | null; amount: number | null}>(
      opened.connection,
      `SELECT closed_at, source, amount::DOUBLE AS amount FROM opportunities WHERE outcome = 'won'`
    );
    opened.close();
    const expected = new Map<string, WonRow>();
    for (const deal of deals) {
      const month = `${deal.closed_at.slice(0, 7)}-01`;
      const channel = deal.source ?? "unknown";
      const key = `${month} ${channel}`;
      const row = expected.get(key) ?? {month, channel, n_won: 0, won_amount: 0};
      row.n_won += 1;
      row.won_amount += deal.amount ?? 0;
      expected.set(key, row);
    }
    const sorted = [...expected.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
    expect(rows).toEqual(sorted.map((row) => ({...row, won_amount: Math.round(row.won_amount)})));
    // data/sample: 537 won deals over 8 channels, closed January 2024 to November 2026 (counted in the CSV: the
    // first row of each id whose 商机状态 is 赢单; O000017's amount 待定 is set aside, the deal counts)
    expect(rows.reduce((sum, row) => sum + row.n_won, 0)).toBe(537);
    expect(new Set(rows.map((row) => row.channel)).size).toBe(8);
    expect([rows[0].month, rows.at(-1)!.month]).toEqual(["2024-01-01", "2026-11-01"]);
  });

  it("is the loader the README's “Writing a new page” shows", () => {
    const readme = readFileSync(join(PROJECT_ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Writing a new page"), readme.indexOf("## Warehouse schema"));
    expect(section).toContain(readFileSync(join(PROJECT_ROOT, "src", "data", "explore.json.ts"), "utf8"));
  });
});
