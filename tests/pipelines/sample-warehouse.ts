import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {openWarehouse, type Warehouse} from "../../warehouse/open-warehouse.ts";
import type {Filters, Period, PipelineContext} from "../../pipelines/lib/context.ts";
import {latestExport} from "../../pipelines/lib/latest-export.ts";

/**
 * A warehouse for one test file: the bundled sample (data/sample/; or the export folders given, each
 * ingested in turn, such as SAMPLE_EXPORTS) or nothing (an empty schema to fill with literal rows). Call
 * `close()` in afterAll. The sample's `context(period)` is a pipeline context whose "now" is the sample's
 * export time, 2026-11-20T00:00:00Z.
 */
export async function sampleWarehouse(exports = ["data/sample"]): Promise<{
  connection: DuckDBConnection;
  context(period: Period, filters?: Filters): PipelineContext;
  close(): void;
}> {
  const folder = mkdtempSync(join(tmpdir(), "shangji-sample-"));
  const path = join(folder, "warehouse.duckdb");
  for (const folder of exports) await ingest({paths: [folder], warehouse: path});
  const warehouse = await opened(await openWarehouse(path, {readOnly: true}), folder);
  const now = (await latestExport(warehouse.connection))!;
  return {
    ...warehouse,
    context: (period, filters) => ({connection: warehouse.connection, period, now, ...(filters ? {filters} : {})})
  };
}

export async function emptyWarehouse(): Promise<{connection: DuckDBConnection; close(): void}> {
  const folder = mkdtempSync(join(tmpdir(), "shangji-empty-"));
  const warehouse = await openWarehouse(join(folder, "warehouse.duckdb"));
  await warehouse.connection.run(`INSERT INTO stages VALUES ('potential', 'open', 1, 0.1), ('intent', 'open', 2, 0.3),
    ('negotiation', 'open', 3, 0.6), ('won', 'won', 4, 1), ('lost', 'lost', 4, 0)`);
  return opened(warehouse, folder);
}

function opened(warehouse: Warehouse, folder: string) {
  return {
    connection: warehouse.connection,
    close() {
      warehouse.close();
      rmSync(folder, {recursive: true, force: true});
    }
  };
}
