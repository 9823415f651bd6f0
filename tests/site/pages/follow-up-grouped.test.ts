import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {followUpData, type FollowUpSlice} from "../../../site/pages/follow-up-data.ts";
import {readFilterOptions} from "../../../site/site-filters.ts";
import {siteFollowUpPlan} from "../../../site/site-follow-up-plan.ts";
import {readRows} from "../../../warehouse/read-rows.ts";
import {tableRows} from "../../../src/components/compact-table.js";
import {emptyWarehouse, sampleWarehouse} from "../../pipelines/sample-warehouse.ts";
import {emptySlicesWarehouse} from "./empty-slices-warehouse.ts";

// The page's slices computed by one grouped query per pipeline must be the slices the pipelines compute one
// slice at a time, to the last digit and in the same order of rows and keys.

const slicesOf = (data: Awaited<ReturnType<typeof followUpData>>) =>
  Object.values(data.slices).filter((slice): slice is FollowUpSlice => typeof slice !== "string");

async function expectSameData(warehouse: {connection: DuckDBConnection}, plan = {}) {
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
  let warehouse: Awaited<ReturnType<typeof emptySlicesWarehouse>>;
  let team: string;
  let region: string;
  beforeAll(async () => {
    warehouse = await emptySlicesWarehouse();
    ({team, region} = warehouse);
  }, 300_000);
  afterAll(() => warehouse.close());

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
