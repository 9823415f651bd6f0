import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {DuckDBConnection} from "@duckdb/node-api";
import {pipelineData, type PipelineData} from "../../../site/pages/pipeline-data.ts";
import {SAMPLE_EXPORTS} from "../../../site/sample-exports.ts";
import {ENTITY_NAMES} from "../../../warehouse/schema/entities.ts";
import {tableRows} from "../../../src/components/compact-table.js";
import {readRows} from "../../generate/read-sample.ts";
import {sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

let built: Awaited<ReturnType<typeof sampleWarehouse>>;
let data: PipelineData;

beforeAll(async () => {
  built = await sampleWarehouse(SAMPLE_EXPORTS);
  data = await pipelineData(built.connection);
});
afterAll(() => built?.close());

const STEPS = ["start", "new", "won", "lost", "removed", "pushed_out", "pulled_in", "amount_up", "amount_down", "end"];
const OUTCOMES: Record<string, string> = {进行中: "open", 赢单: "won", 输单: "lost"};

interface Deal {
  outcome: string;
  amount: number;
  close: string;
}

/** An export's deals by id, as its opportunities.csv reads: of an id exported twice ingest keeps the first row. */
function readDeals(folder: string): Map<string, Deal> {
  const deals = new Map<string, Deal>();
  for (const row of readRows(folder, "opportunities.csv")) {
    if (deals.has(row["商机编号"])) continue;
    const amount = Number(row["金额"]);
    deals.set(row["商机编号"], {
      outcome: OUTCOMES[row["商机状态"]],
      amount: Number.isFinite(amount) ? amount : 0,
      close: row["预计成交日期"]
    });
  }
  return deals;
}

/** The waterfall worked out from the two files by the rules pipelineChanges documents, for [start, end). */
function expectedWaterfall(start: string, end: string) {
  const before = readDeals("data/sample-earlier");
  const after = readDeals("data/sample");
  const isTracked = (deal: Deal | undefined) =>
    deal !== undefined && deal.outcome === "open" && deal.close >= start && deal.close < end;
  const steps = new Map(STEPS.map((step) => [step, {count: 0, amount: 0}]));
  const add = (step: string, amount: number) => {
    steps.get(step)!.count++;
    steps.get(step)!.amount += amount;
  };
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(id);
    const b = after.get(id);
    const inA = isTracked(a);
    const inB = isTracked(b);
    if (inA) add("start", a!.amount);
    if (inB) add("end", b!.amount);
    const change = (inB ? b!.amount : 0) - (inA ? a!.amount : 0);
    if (inA && inB && change > 0) add("amount_up", change);
    else if (inA && inB && change < 0) add("amount_down", change);
    else if (inA && !inB) add(b!.outcome === "open" ? "pushed_out" : b!.outcome, change);
    else if (!inA && inB) add(a?.outcome === "open" ? "pulled_in" : "new", change);
  }
  let running = 0;
  return STEPS.map((step) => {
    const {count, amount} = steps.get(step)!;
    running = step === "start" || step === "end" ? amount : running + amount;
    return {step, count_opportunities: count, amount, running_amount: running};
  });
}

describe("pipelineData(connection) on the sample's two exports", () => {
  it("compares the export of 2026-11-02 with that of 2026-11-20", () => {
    const changes = data.slices["ytd|all"].changes!;
    expect(changes.from_exported_at).toBe("2026-11-02T00:00:00Z");
    expect(changes.to_exported_at).toBe("2026-11-20T00:00:00Z");
    expect(data.slices["ytd|all"].missing).not.toContain("opportunity_snapshots: needs two ingests");
  });

  it("holds the waterfall of the pipeline due in the year to date, as the two files show it", () => {
    const steps = tableRows(data.slices["ytd|all"].changes!.steps);
    expect(steps).toEqual(expectedWaterfall("2026-01-01", "2026-11-21"));
    // counted over the two files: 41 deals due by 2026-11-20 at the first export; 4 won, 5 lost, 24 pushed past
    // the period, 4 pulled into it, 3 with another amount since; 12 due at the second export
    expect(Object.fromEntries(steps.map((s) => [s.step, s.count_opportunities]))).toEqual({
      start: 41,
      new: 0,
      won: 4,
      lost: 5,
      removed: 0,
      pushed_out: 24,
      pulled_in: 4,
      amount_up: 1,
      amount_down: 2,
      end: 12
    });
  });

  it("holds the waterfall of the quarter to date too", () => {
    expect(tableRows(data.slices["qtd|all"].changes!.steps)).toEqual(expectedWaterfall("2026-10-01", "2026-11-21"));
  });

  it("keeps every current row as data/sample alone has it", async () => {
    const later = await sampleWarehouse(["data/sample"]);
    try {
      for (const table of ENTITY_NAMES)
        expect(await currentRows(built.connection, table), table).toEqual(await currentRows(later.connection, table));
    } finally {
      later.close();
    }
  }, 120_000);
});

/** A table's rows without the lineage columns (which export, file and line each came from). */
async function currentRows(connection: DuckDBConnection, table: string): Promise<unknown[][]> {
  const reader = await connection.runAndReadAll(
    `SELECT * EXCLUDE (_ingest_id, _file, _line) FROM ${table} ORDER BY ALL`
  );
  return reader.getRowsJS();
}
