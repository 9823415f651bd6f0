import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import {channelQuality, withDuplicateLeadFlags, type ChannelQualityRow} from "../../pipelines/channel-quality.ts";
import {
  channelQualityBySlice,
  type ChannelQualityBySliceOptions
} from "../../pipelines/channel-quality/channel-quality-by-slice.ts";
import type {PipelineResult} from "../../pipelines/lib/context.ts";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {channelsData} from "../../site/pages/channels-data.ts";
import {overviewData} from "../../site/pages/overview-data.ts";
import {sampleAndSparse} from "../site/pages/empty-slices-warehouse.ts";
import {everyKindOfChoice, expectClose} from "./every-kind-of-choice.ts";
import {emptyWarehouse} from "./sample-warehouse.ts";

// Channel quality of every slice read by one query per period, grouped by filter choice, must be what the pipeline
// gives one slice at a time: leads counted under their owner's team, region and rep, spend under "all" and its
// channel only, a missing margin filled with the average of the slice's own won deals; and the channels page's and
// the overview's data equal (the overview on the sample is compared in sales-velocity-by-slice.test.ts).

const VARIANTS: ChannelQualityBySliceOptions[] = [
  {interval: "period"},
  {interval: "month", duplicates: false},
  {interval: "quarter", level: "campaign", duplicates: false},
  {interval: "period", duplicates: (filters) => filters.team === undefined}
];

async function expectSameSlices(connection: DuckDBConnection, {flagged = false} = {}) {
  const g = await everyKindOfChoice(connection);
  const rows: PipelineResult<ChannelQualityRow>[] = [];
  const compare = async () => {
    for (const options of VARIANTS) {
      const grouped = await channelQualityBySlice(g, options);
      for (const [p, period] of g.periods.entries())
        for (const [c, filters] of g.choices.entries()) {
          const duplicates =
            typeof options.duplicates === "function" ? options.duplicates(filters) : options.duplicates;
          const single = await channelQuality({connection, now: g.now, period, filters}, {...options, duplicates});
          expectClose(grouped[p][c], single, `${options.interval}/${options.level}/${p}/${c}`);
          rows.push(single);
        }
    }
  };
  await (flagged ? withDuplicateLeadFlags(connection, compare) : compare());
  return {grid: g, rows};
}

describe("channelQualityBySlice", () => {
  const warehouses = sampleAndSparse();

  it("equals the per-slice pipeline on the sample, under every kind of filter", async () => {
    const {grid: g, rows} = await expectSameSlices(warehouses.sample.connection);
    expect(g.choices).toHaveLength(6);
    const all = rows.flatMap((r) => r.rows);
    // the comparison saw leads, duplicates, spend, imputed margins and campaign rows, not only empty slices
    expect(all.some((row) => (row.count_leads ?? 0) > 0)).toBe(true);
    expect(all.some((row) => (row.count_duplicate_leads ?? 0) > 0)).toBe(true);
    expect(all.some((row) => (row.cost ?? 0) > 0)).toBe(true);
    expect(all.some((row) => row.campaign !== null)).toBe(true);
    expect(await channelsData(warehouses.sample.connection)).toEqual(
      await channelsData(warehouses.sample.connection, false)
    );
  }, 300_000);

  it("equals it where won deals lack a margin: each slice fills them with its own average", async () => {
    const folder = mkdtempSync(join(tmpdir(), "shangji-margins-"));
    const path = join(folder, "warehouse.duckdb");
    await ingest({paths: ["data/sample"], warehouse: path});
    const writable = await openWarehouse(path);
    await writable.connection.run(`UPDATE opportunities SET expected_margin = NULL WHERE hash(opportunity_id) % 3 = 0`);
    writable.close();
    const warehouse = await openWarehouse(path, {readOnly: true});
    try {
      const {rows} = await expectSameSlices(warehouse.connection);
      expect(rows.some((r) => r.rows.some((row) => row.count_margin_imputed > 0 && row.cost !== null))).toBe(true);
    } finally {
      warehouse.close();
      rmSync(folder, {recursive: true, force: true});
    }
  }, 300_000);

  it("equals it with the duplicate leads flagged once for every period", async () => {
    await expectSameSlices(warehouses.sample.connection, {flagged: true});
  }, 300_000);

  it("equals it where a slice holds nothing", async () => {
    await expectSameSlices(warehouses.sparse.connection);
    expect(await channelsData(warehouses.sparse.connection)).toEqual(
      await channelsData(warehouses.sparse.connection, false)
    );
    expect(await overviewData(warehouses.sparse.connection)).toEqual(
      await overviewData(warehouses.sparse.connection, false)
    );
  }, 300_000);

  it("equals it on a warehouse without opportunities", async () => {
    const empty = await emptyWarehouse();
    try {
      await expectSameSlices(empty.connection);
    } finally {
      empty.close();
    }
  }, 300_000);
});
