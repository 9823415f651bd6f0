import type {DuckDBConnection} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import {funnelData, type FunnelSlice} from "../../../site/pages/funnel-data.ts";
import {readRows} from "../../../warehouse/read-rows.ts";
import {tableRows} from "../../../src/components/compact-table.js";
import {emptyWarehouse} from "../../pipelines/sample-warehouse.ts";
import {sampleAndSparse} from "./empty-slices-warehouse.ts";

// The lost reasons and times in stage of every slice computed by one grouped query each must be those the
// pipelines compute one slice at a time, to the last digit and in the same order of rows and keys.

async function expectSameData(connection: DuckDBConnection) {
  const grouped = await funnelData(connection);
  const oneByOne = await funnelData(connection, false);
  expect(grouped).toEqual(oneByOne);
  expect(JSON.stringify(grouped)).toBe(JSON.stringify(oneByOne));
  return grouped;
}

describe("funnelData grouped by slice", () => {
  const warehouses = sampleAndSparse();

  it("equals the slices computed one by one on the sample", async () => {
    const data = await expectSameData(warehouses.sample.connection);
    const ytd = data.slices["ytd|all"];
    expect(data.lost_reasons.length).toBeGreaterThan(1);
    expect(tableRows(ytd.time_in_stage).every((row) => Number(row.count_entries) > 0)).toBe(true);
  }, 300_000);

  it("equals them where a slice holds nothing", async () => {
    const data = await expectSameData(warehouses.sparse.connection);
    const created = await readRows<{n: number}>(
      warehouses.sparse.connection,
      `SELECT count(*)::INTEGER AS n FROM opportunities o JOIN reps r ON r.rep_id = o.owner_rep_id
       WHERE r.team = $team AND o.created_at >= '2026-10-01'`,
      {team: warehouses.sparse.team}
    );
    expect(created[0].n).toBe(0);
    const quarter: FunnelSlice = data.slices[`qtd|team=${warehouses.sparse.team}`];
    expect(quarter.count_cohort).toBe(0);
  }, 300_000);

  it("equals them on a warehouse without opportunities", async () => {
    const empty = await emptyWarehouse();
    try {
      await expectSameData(empty.connection);
    } finally {
      empty.close();
    }
  }, 300_000);
});
