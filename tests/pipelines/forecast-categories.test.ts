import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {exportedCategory, forecastCategories} from "../../pipelines/forecast/forecast-categories.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {emptyWarehouse, sampleWarehouse} from "./sample-warehouse.ts";

let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
const QUARTER = {start: "2026-10-01", end: "2027-01-01"};

beforeAll(async () => {
  warehouse = await sampleWarehouse();
});
afterAll(() => warehouse.close());

/** The open amount due in the quarter, summed by SQL apart from the pipeline. */
async function openDue(where = "true"): Promise<{n: number; amount: number}> {
  const [row] = await readRows<{n: number; amount: number}>(
    warehouse.connection,
    `SELECT count(*)::INTEGER AS n, coalesce(sum(amount), 0)::DOUBLE AS amount FROM opportunities
     WHERE outcome = 'open' AND expected_close_at >= DATE '2026-10-01' AND expected_close_at < DATE '2027-01-01' AND ${where}`
  );
  return row;
}

describe("exportedCategory(value)", () => {
  it("reads Salesforce, HubSpot and Chinese forecast categories, and nothing else", () => {
    expect(
      [
        "Commit",
        "Best Case",
        "BEST_CASE",
        "Pipeline",
        "Omitted",
        "OMIT",
        "Not forecasted",
        "最佳情况",
        "Closed",
        "",
        null
      ].map(exportedCategory)
    ).toEqual([
      "commit",
      "best_case",
      "best_case",
      "pipeline",
      "omitted",
      "omitted",
      "omitted",
      "best_case",
      null,
      null,
      null
    ]);
  });
});

describe("forecastCategories(ctx, {thresholds})", () => {
  it("puts every open deal due in the period in one category", async () => {
    const {rows} = await forecastCategories(warehouse.context(QUARTER));
    const due = await openDue();
    expect(rows.map((r) => r.category)).toEqual(["commit", "best_case", "pipeline", "omitted"]);
    expect(rows.reduce((n, r) => n + r.count_opportunities, 0)).toBe(due.n);
    expect(rows.reduce((n, r) => n + r.amount, 0)).toBeCloseTo(due.amount, 2);
  });

  it("counts every deal as commit when the commit threshold is 0", async () => {
    const {rows} = await forecastCategories(warehouse.context(QUARTER), {thresholds: {commit: 0, bestCase: 0}});
    expect(rows[0].amount).toBeCloseTo((await openDue()).amount, 2);
  });

  it("takes the export's category where there is one, else the stage probability against the thresholds", async () => {
    const empty = await emptyWarehouse();
    try {
      // no closed deal to learn from: the stages' configured probabilities apply (negotiation 0.6, intent 0.3, potential 0.1)
      await empty.connection.run(`INSERT INTO opportunities BY NAME
        SELECT * FROM (VALUES
          ('O1', 'negotiation', 100, DATE '2026-11-15', NULL),
          ('O2', 'intent', 200, DATE '2026-12-01', 'Commit'),
          ('O3', 'potential', 50, DATE '2026-10-10', NULL),
          ('O4', 'negotiation', 400, DATE '2027-02-01', NULL),
          ('O5', 'intent', 70, DATE '2026-12-31', 'OMIT')
        ) v(opportunity_id, stage, amount, expected_close_at, forecast_category),
        (SELECT 'open' AS outcome, TIMESTAMP '2026-09-01' AS created_at, 'CNY' AS currency,
          1 AS _ingest_id, 'opportunities.csv' AS _file, 2 AS _line)`);
      const ctx = {connection: empty.connection, period: QUARTER, now: "2026-11-20T00:00:00Z"};
      const {rows} = await forecastCategories(ctx, {thresholds: {commit: 0.7, bestCase: 0.4}});
      expect(rows).toEqual([
        {category: "commit", currency: "CNY", count_opportunities: 1, amount: 200, count_from_export: 1},
        {category: "best_case", currency: "CNY", count_opportunities: 1, amount: 100, count_from_export: 0},
        {category: "pipeline", currency: "CNY", count_opportunities: 1, amount: 50, count_from_export: 0},
        {category: "omitted", currency: "CNY", count_opportunities: 1, amount: 70, count_from_export: 1}
      ]);
    } finally {
      empty.close();
    }
  });
});
