import {afterEach, describe, expect, it, vi} from "vitest";
import {CliError} from "../../config/cli-error.ts";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {queryWarehouse, tempDir, tempWarehouse, writeFile} from "../ingest/temp-warehouse.ts";
import {csv, goodRows, OPPORTUNITY_HEADER} from "./hostile-case.ts";

describe("ingest under a memory limit too small for it", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  // DuckDB cannot spill everything: 64 MB fails at once, as 1 GB fails a 2 GB export resolving owner names
  it("stops with a message naming the step and the limit, and changes nothing", async () => {
    const warehouse = tempWarehouse();
    const path = writeFile(tempDir(), "opportunities.csv", csv(OPPORTUNITY_HEADER, ...goodRows(3)));
    vi.stubEnv("SHANGJI_MEMORY_LIMIT", "64MB");
    const error = await ingest({paths: [path], warehouse}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe(
      `the warehouse ran out of memory (64MB) while loading ${path}; nothing was changed. ` +
        "Set SHANGJI_MEMORY_LIMIT higher (the default is 3GB), or ingest fewer exports at a time"
    );
    vi.unstubAllEnvs();
    expect(await queryWarehouse(warehouse, "SELECT count(*)::INTEGER AS n FROM ingests")).toEqual([{n: 0}]);
  });
});
