import {afterAll, beforeAll} from "vitest";
import {sampleWarehouse} from "../../pipelines/sample-warehouse.ts";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {ingest} from "../../../loaders/ingest/ingest.ts";
import {readFilterOptions} from "../../../site/site-filters.ts";
import {openWarehouse, type Warehouse} from "../../../warehouse/open-warehouse.ts";

/**
 * The sample with slices left empty: the largest team created nothing since July 2026 (its quarter to date
 * and last quarter hold no new opportunity) and nobody recorded an activity in the largest region. Call
 * `close()` in afterAll.
 */
export async function emptySlicesWarehouse(): Promise<{
  connection: Warehouse["connection"];
  team: string;
  region: string;
  close(): void;
}> {
  const folder = mkdtempSync(join(tmpdir(), "shangji-empty-slices-"));
  const path = join(folder, "warehouse.duckdb");
  await ingest({paths: ["data/sample"], warehouse: path});
  const writable = await openWarehouse(path);
  const {
    team: [team],
    region: [region]
  } = await readFilterOptions(writable.connection);
  await writable.connection.run(
    `DELETE FROM opportunities WHERE created_at >= '2026-07-01'
       AND owner_rep_id IN (SELECT rep_id FROM reps WHERE team = $team)`,
    {team}
  );
  await writable.connection.run(
    `DELETE FROM activities WHERE opportunity_id IN (
       SELECT o.opportunity_id FROM opportunities o JOIN reps r ON r.rep_id = o.owner_rep_id WHERE r.region = $region)`,
    {region}
  );
  writable.close();
  const warehouse = await openWarehouse(path, {readOnly: true});
  return {
    connection: warehouse.connection,
    team,
    region,
    close() {
      warehouse.close();
      rmSync(folder, {recursive: true, force: true});
    }
  };
}

/**
 * The sample and emptySlicesWarehouse, for a describe block comparing grouped and per-slice results: opened before
 * its tests, closed after them. Read `.sample` and `.sparse` inside the tests.
 */
export function sampleAndSparse(): {
  sample: Awaited<ReturnType<typeof sampleWarehouse>>;
  sparse: Awaited<ReturnType<typeof emptySlicesWarehouse>>;
} {
  const warehouses = {} as ReturnType<typeof sampleAndSparse>;
  beforeAll(async () => {
    warehouses.sample = await sampleWarehouse();
    warehouses.sparse = await emptySlicesWarehouse();
  }, 300_000);
  afterAll(() => {
    warehouses.sample?.close();
    warehouses.sparse?.close();
  });
  return warehouses;
}
