import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {readOpportunitiesByMonth} from "../../loaders/site/read-opportunities-by-month.ts";
import {readWarehouseSummary, type WarehouseSummary} from "../../loaders/site/read-warehouse-summary.ts";
import {openWarehouse, type Warehouse} from "../../loaders/warehouse/open-warehouse.ts";
import {makeSmallWarehouse} from "./small-warehouse.ts";

let warehouse: Warehouse;
let summary: WarehouseSummary;

beforeAll(async () => {
  warehouse = await openWarehouse(await makeSmallWarehouse(), {readOnly: true});
  summary = await readWarehouseSummary(warehouse.connection);
});

afterAll(() => warehouse?.close());

describe("readWarehouseSummary(connection)", () => {
  it("counts the rows and recognised files of every core table, in schema order", () => {
    expect(summary.tables.map((t) => [t.table, t.count_rows, t.count_files])).toEqual([
      ["reps", 2, 1],
      ["accounts", 0, 0],
      ["contacts", 0, 0],
      ["leads", 0, 1],
      ["opportunities", 5, 1],
      ["stage_history", 0, 0],
      ["activities", 0, 0],
      ["quotes", 0, 1],
      ["contracts", 0, 0],
      ["tickets", 0, 0],
      ["marketing_spend", 0, 0],
      ["quotas", 0, 0]
    ]);
  });

  it("carries each table's grain and key from the canonical schema", () => {
    expect(summary.tables.find((t) => t.table === "stage_history")).toMatchObject({
      grain: "one row per opportunity per stage entered",
      key: ["opportunity_id", "stage", "entered_at"]
    });
  });

  it("lists the ingests oldest first, with UTC timestamps", () => {
    expect(summary.ingests).toEqual([
      {
        ingest_id: 1,
        started_at: "2024-04-01T08:00:00Z",
        exported_at: "2024-03-31T23:00:00Z",
        files: 3,
        rows_read: 11,
        rows_loaded: 7,
        rows_quarantined: 4,
        status: "partial"
      },
      {
        ingest_id: 2,
        started_at: "2024-04-02T08:00:00Z",
        exported_at: "2024-04-02T07:00:00Z",
        files: 1,
        rows_read: 1,
        rows_loaded: 0,
        rows_quarantined: 1,
        status: "loaded"
      }
    ]);
  });

  it("dates the data by the latest ingest's export and the opportunities' creation range", () => {
    expect([summary.exported_at, summary.first_created_at, summary.last_created_at]).toEqual([
      "2024-04-02T07:00:00Z",
      "2024-01-05T10:00:00Z",
      "2024-03-10T09:15:00Z"
    ]);
  });

  it("groups quarantined rows by ingest, file, reason, rule and column, with their first lines", () => {
    expect(summary.quarantine).toEqual([
      {
        ingest_id: 2,
        file: "exports-2/quotes.csv",
        reason: "duplicate key",
        rule: "unique",
        column: null,
        count_rows: 1,
        first_lines: []
      },
      {
        ingest_id: 1,
        file: "exports/opportunities.csv",
        reason: "not an amount",
        rule: "amount",
        column: "amount",
        count_rows: 2,
        first_lines: [4, 9]
      },
      {
        ingest_id: 1,
        file: "exports/leads.csv",
        reason: "not an e-mail",
        rule: "email",
        column: "email",
        count_rows: 1,
        first_lines: [2]
      },
      {
        ingest_id: 1,
        file: "exports/opportunities.csv",
        reason: "missing required value",
        rule: "required",
        column: "created_at",
        count_rows: 1,
        first_lines: [6]
      }
    ]);
  });

  it("never publishes a quarantined value", () => {
    const json = JSON.stringify(summary);
    for (const value of ["Zhang San", "zhang.san@example.com", "¥12,3x", "n/a"]) expect(json).not.toContain(value);
  });

  it("reports an empty warehouse as empty", async () => {
    const empty = await openWarehouse(":memory:");
    try {
      const s = await readWarehouseSummary(empty.connection);
      expect(s.tables.every((t) => t.count_rows === 0 && t.count_files === 0)).toBe(true);
      expect(s).toMatchObject({
        exported_at: null,
        first_created_at: null,
        last_created_at: null,
        ingests: [],
        quarantine: []
      });
    } finally {
      empty.close();
    }
  });

  it("reads a database without the warehouse schema as holding nothing", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const s = await readWarehouseSummary(connection);
      expect(s.tables.map((t) => t.count_rows)).toEqual(new Array(12).fill(0));
      expect(s.ingests).toEqual([]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});

describe("readOpportunitiesByMonth(connection)", () => {
  it("counts opportunities per UTC creation month and outcome", async () => {
    // o2 was created 2024-01-31 23:30 UTC (already February in Shanghai) and counts in January
    expect(await readOpportunitiesByMonth(warehouse.connection)).toEqual([
      {month: "2024-01-01", outcome: "lost", count_opportunities: 1},
      {month: "2024-01-01", outcome: "won", count_opportunities: 1},
      {month: "2024-02-01", outcome: "open", count_opportunities: 2},
      {month: "2024-03-01", outcome: "won", count_opportunities: 1}
    ]);
  });
});
