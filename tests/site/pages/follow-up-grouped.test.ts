import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingest} from "../../../loaders/ingest/ingest.ts";
import {followUpData, type FollowUpSlice} from "../../../loaders/site/pages/follow-up-data.ts";
import {readFilterOptions} from "../../../loaders/site/site-filters.ts";
import {siteFollowUpPlan} from "../../../loaders/site/site-follow-up-plan.ts";
import {openWarehouse, type Warehouse} from "../../../loaders/warehouse/open-warehouse.ts";
import {readRows} from "../../../loaders/warehouse/read-rows.ts";
import {tableRows} from "../../../src/components/compact-table.js";
import {emptyWarehouse, sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

// The page's slices computed by one grouped query per pipeline must be the slices the pipelines compute one
// slice at a time, to the last digit and in the same order of rows and keys.

const slicesOf = (data: Awaited<ReturnType<typeof followUpData>>) =>
  Object.values(data.slices).filter((slice): slice is FollowUpSlice => typeof slice !== "string");

async function expectSameData(warehouse: {connection: Warehouse["connection"]}, plan = {}) {
  const withPlan = {...siteFollowUpPlan(), ...plan};
  const grouped = await followUpData(warehouse.connection, withPlan);
  const oneByOne = await followUpData(warehouse.connection, withPlan, false);
  expect(grouped).toEqual(oneByOne);
  expect(JSON.stringify(grouped)).toBe(JSON.stringify(oneByOne));
  return grouped;
}

describe("followUpData grouped by slice, on the sample", () => {
  let sample: Awaited<ReturnType<typeof sampleWarehouse>>;
  beforeAll(async () => {
    sample = await sampleWarehouse();
  });
  afterAll(() => sample.close());

  it("equals the slices computed one by one", async () => {
    const data = await expectSameData(sample);
    const {team, region, channel} = await readFilterOptions(sample.connection);
    expect(Object.keys(data.slices)).toHaveLength(6 * (1 + team.length + region.length + channel.length));
    const ytd = data.slices["ytd|all"] as FollowUpSlice;
    expect(tableRows(ytd.by_rep).length).toBeGreaterThan(1);
    expect(tableRows(ytd.channel_mix).length).toBeGreaterThan(1);
  }, 300_000);

  it("equals them under another plan", async () => {
    await expectSameData(sample, {firstContactHours: 48, materialsMaxDays: 7});
  }, 300_000);
});

describe("followUpData grouped by slice, on a warehouse with empty slices", () => {
  let folder: string;
  let warehouse: Warehouse;
  let team: string;
  let region: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "shangji-grouped-"));
    const path = join(folder, "warehouse.duckdb");
    await ingest({paths: ["data/sample"], warehouse: path});
    const writable = await openWarehouse(path);
    [team] = (await readFilterOptions(writable.connection)).team;
    [region] = (await readFilterOptions(writable.connection)).region;
    // the largest team created nothing since July, and nobody recorded an activity in the largest region
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
    warehouse = await openWarehouse(path, {readOnly: true});
  }, 300_000);
  afterAll(() => {
    warehouse.close();
    rmSync(folder, {recursive: true, force: true});
  });

  it("equals the slices computed one by one, the empty ones too", async () => {
    const data = await expectSameData(warehouse);
    const created = await readRows<{n: number}>(
      warehouse.connection,
      `SELECT count(*)::INTEGER AS n FROM opportunities o JOIN reps r ON r.rep_id = o.owner_rep_id
       WHERE r.team = $team AND o.created_at >= '2026-10-01'`,
      {team}
    );
    expect(created[0].n).toBe(0);
    const quarter = data.slices[`qtd|team=${team}`];
    const slice = typeof quarter === "string" ? data.slices[quarter] : quarter;
    expect(tableRows((slice as FollowUpSlice).by_rep)).toEqual([]);
    const regionSlices = Object.entries(data.slices).filter(([key]) => key.endsWith(`|region=${region}`));
    expect(regionSlices).toHaveLength(6);
    for (const [, value] of regionSlices) {
      const shown = typeof value === "string" ? data.slices[value] : value;
      expect(tableRows((shown as FollowUpSlice).channel_mix)).toEqual([]);
    }
    expect(slicesOf(data).some((s) => tableRows(s.channel_mix).length > 0)).toBe(true);
  }, 300_000);
});

describe("followUpData grouped by slice, on a warehouse without activities", () => {
  it("equals the slices computed one by one", async () => {
    const empty = await emptyWarehouse();
    try {
      await expectSameData(empty);
    } finally {
      empty.close();
    }
  }, 300_000);
});
