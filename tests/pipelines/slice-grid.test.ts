import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {readEachChoice, sliceGridSql, withMembersTable, type SliceGrid} from "../../pipelines/lib/slice-grid.ts";
import {openWarehouse, type Warehouse} from "../../warehouse/open-warehouse.ts";
import {makeSmallWarehouse} from "../site/small-warehouse.ts";

// The small warehouse's five opportunities: o1 and o2 owned by r1, o3, o4 and o5 by r2.
describe("withMembersTable(grid)", () => {
  let warehouse: Warehouse;
  let grid: SliceGrid;
  beforeAll(async () => {
    warehouse = await openWarehouse(await makeSmallWarehouse(), {readOnly: true});
    grid = {
      connection: warehouse.connection,
      now: "2024-04-02T07:00:00Z",
      periods: [{start: "2024-01-01", end: "2024-04-01"}],
      choices: [{}, {rep: "r1"}, {rep: "r2"}, {rep: "r9"}]
    };
  });
  afterAll(() => warehouse.close());

  const members = (g: SliceGrid) =>
    readEachChoice<{opportunity_id: string}>(
      g,
      sliceGridSql(g),
      "WITH listed AS (SELECT 1) SELECT choice_index, opportunity_id FROM slice_members ORDER BY choice_index, opportunity_id"
    );
  const byHand = [["o1", "o2", "o3", "o4", "o5"], ["o1", "o2"], ["o3", "o4", "o5"], []];
  const ids = (lists: {opportunity_id: string}[][]) => lists.map((list) => list.map((row) => row.opportunity_id));

  it("holds each opportunity once per choice it passes, as the grid's own CTE derives them", async () => {
    expect(ids(await members(grid))).toEqual(byHand);
    const stored = await withMembersTable(grid);
    expect(stored.members).toMatch(/^slice_members_/);
    expect(ids(await members(stored))).toEqual(byHand);
  });

  it("keeps a grid's table when a grid of other choices makes its own on the connection", async () => {
    const stored = await withMembersTable(grid);
    const other = await withMembersTable({...grid, choices: [{rep: "r2"}]});
    expect(other.members).not.toBe(stored.members);
    expect(ids(await members(other))).toEqual([["o3", "o4", "o5"]]);
    expect(ids(await members(stored))).toEqual(byHand);
  });
});
