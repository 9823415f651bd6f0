import {afterEach, describe, expect, it, vi} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {LIMITS} from "../../loaders/read/limits.ts";
import {tempDir, tempWarehouse, writeFile} from "../ingest/temp-warehouse.ts";
import {csv, goodRows, OPPORTUNITY_HEADER} from "./hostile-case.ts";

// 2,147,483,647 lines take a file of at least 2 GiB: the limit is lowered to try it
describe.each([
  ["by DuckDB's reader", ""],
  ["record by record", "1"]
])("ingest of a file with more lines than the limit, staged %s", (_, noFastPath) => {
  const limit = LIMITS.lines;
  afterEach(() => {
    LIMITS.lines = limit;
    vi.unstubAllEnvs();
  });

  it("rejects the file, naming the first line past the limit", async () => {
    vi.stubEnv("SHANGJI_NO_FAST_PATH", noFastPath);
    LIMITS.lines = 5;
    const path = writeFile(
      tempDir(),
      "opportunities.csv",
      csv(OPPORTUNITY_HEADER, ...goodRows(3), "", ...goodRows(3, 4))
    );
    const result = await ingest({paths: [path], warehouse: tempWarehouse()});
    expect(result.files.map((f) => [f.status, f.rowsRead, f.message])).toEqual([
      ["rejected", 0, "line 6: more lines than one file may have (5): split the export"]
    ]);
  });
});
