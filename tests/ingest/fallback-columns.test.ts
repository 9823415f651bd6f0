import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {queryWarehouse, tempDir, tempWarehouse, writeFile} from "./temp-warehouse.ts";

// Pipedrive writes a won deal's close time under "Won time" and a lost deal's under "Lost time".
const DEALS = `Deal - ID,Deal - Title,Deal - Stage,Deal - Status,Deal - Deal created,Deal - Won time,Deal - Lost time
1,Won deal,Proposal Made,won,2024-01-02 09:00:00,2024-02-10 15:00:00,
2,Lost deal,Qualified,lost,2024-01-03 09:00:00,,2024-01-20 11:30:00
3,Open deal,Demo Scheduled,open,2024-01-04 09:00:00,,
`;

describe.each([
  ["by DuckDB's reader", undefined],
  ["record by record", "1"]
])("ingest(options) reading a column from several headers, staged %s", (_, noFastPath) => {
  beforeEach(() => {
    if (noFastPath) vi.stubEnv("SHANGJI_NO_FAST_PATH", noFastPath);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("takes each value from the first of its headers that is filled", async () => {
    const warehouse = tempWarehouse();
    await ingest({paths: [writeFile(tempDir(), "deals.csv", DEALS)], warehouse});
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT opportunity_id, outcome, closed_at::VARCHAR AS closed_at FROM opportunities ORDER BY 1`
      )
    ).toEqual([
      {opportunity_id: "1", outcome: "won", closed_at: "2024-02-10 15:00:00"},
      {opportunity_id: "2", outcome: "lost", closed_at: "2024-01-20 11:30:00"},
      {opportunity_id: "3", outcome: "open", closed_at: null}
    ]);
  });
});
