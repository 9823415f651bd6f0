import {describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {queryWarehouse, tempDir, tempWarehouse, writeFile} from "./temp-warehouse.ts";

describe("ingest(options) with leads and deals in one export", () => {
  it("gives a deal without a channel its lead's: the lead it names, or else the lowest lead converted into it", async () => {
    const dir = tempDir();
    writeFile(
      dir,
      "leads.csv",
      [
        "lead_id,created_at,source,converted_opportunity_id",
        "L1,2026-01-05,web,O1",
        // O2's lowest lead has no channel: O2 has none, though a later lead of it has one
        "L2,2026-01-06,,O2",
        "L3,2026-01-07,trade_show,O2",
        "L4,2026-01-08,referral,",
        "L5,2026-01-09,weibo,O4"
      ].join("\n")
    );
    writeFile(
      dir,
      "opportunities.csv",
      [
        "opportunity_id,lead_id,source,stage,created_at",
        // no lead named: the lead converted into it
        "O1,,,won,2026-02-01",
        "O2,,,won,2026-02-01",
        // a lead named: its channel, whatever lead was converted into the deal
        "O3,L4,,won,2026-02-01",
        "O4,L1,,won,2026-02-01",
        // a channel of its own: kept
        "O5,L4,phone,won,2026-02-01",
        // no lead either way
        "O6,,,won,2026-02-01"
      ].join("\n")
    );
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [dir], warehouse, exportedAt: "2026-03-01T00:00:00Z"});
    expect([result.rowsRead, result.rowsLoaded]).toEqual([11, 11]);
    expect(
      await queryWarehouse(warehouse, "SELECT opportunity_id, lead_id, source FROM opportunities ORDER BY 1")
    ).toEqual([
      {opportunity_id: "O1", lead_id: "L1", source: "web"},
      {opportunity_id: "O2", lead_id: "L2", source: null},
      {opportunity_id: "O3", lead_id: "L4", source: "referral"},
      {opportunity_id: "O4", lead_id: "L1", source: "web"},
      {opportunity_id: "O5", lead_id: "L4", source: "phone"},
      {opportunity_id: "O6", lead_id: null, source: null}
    ]);
  });
});
