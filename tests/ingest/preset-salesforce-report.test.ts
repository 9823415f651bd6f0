import {describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {FIXTURES, queryWarehouse, tempWarehouse} from "./temp-warehouse.ts";

// An opportunity report exported from Salesforce: field labels, not API names, and US dates.
const REPORT = `${FIXTURES}/salesforce-report/opportunity-report.csv`;

describe("ingest(options) with a Salesforce report export", () => {
  it("recognises the labels and reads the dates once their order is configured", async () => {
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [REPORT], warehouse, mapping: {files: {}, stages: {}, dateOrder: "mdy"}});
    expect(result.files.map((f) => [f.entity, f.source, f.rowsLoaded])).toEqual([["opportunities", "salesforce", 2]]);
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT opportunity_id, account_id, name, owner_rep_id, amount::VARCHAR AS amount, currency, stage, outcome,
           probability, created_at::VARCHAR AS created_at, expected_close_at::VARCHAR AS expected_close_at,
           closed_at::VARCHAR AS closed_at, source
         FROM opportunities ORDER BY 1`
      )
    ).toEqual([
      {
        opportunity_id: "0065g000001AbC1AAK",
        account_id: "Acme Corp",
        name: "Acme - 200 Widgets",
        owner_rep_id: "Jane Doe",
        amount: "120000.00",
        currency: "USD",
        stage: "negotiation",
        outcome: "open",
        probability: 0.9,
        created_at: "2024-02-15 00:00:00",
        expected_close_at: "2024-03-31",
        closed_at: null,
        source: "Web"
      },
      {
        opportunity_id: "0065g000001AbC2AAK",
        account_id: "Beta LLC",
        name: "Beta - Support",
        owner_rep_id: "Jane Doe",
        amount: "8500.00",
        currency: "USD",
        stage: "won",
        outcome: "won",
        probability: 1,
        created_at: "2023-12-16 00:00:00",
        expected_close_at: "2024-01-15",
        // a closed opportunity's close date, at midnight UTC (Salesforce exports are read as UTC)
        closed_at: "2024-01-15 00:00:00",
        source: "Partner Referral"
      }
    ]);
  });

  it("never guesses the order of 2/15/2024 without a configured date order", async () => {
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [REPORT], warehouse});
    // the deals load without the dates that cannot be read
    expect([result.rowsRead, result.rowsLoaded, result.rowsQuarantined, result.valuesSetAside]).toEqual([2, 2, 0, 4]);
    expect(
      await queryWarehouse(warehouse, `SELECT line, "column", reason FROM quarantine ORDER BY line, "column"`)
    ).toEqual([
      {
        line: 2,
        column: "Close Date",
        reason:
          '"3/31/2024" is ambiguous: day-first or month-first? set "dateOrder" to "dmy" or "mdy" in a mapping file; the row is loaded without it'
      },
      {
        line: 2,
        column: "Created Date",
        reason:
          '"2/15/2024" is ambiguous: day-first or month-first? set "dateOrder" to "dmy" or "mdy" in a mapping file; the row is loaded without it'
      },
      {
        line: 3,
        column: "Close Date",
        reason:
          '"1/15/2024" is ambiguous: day-first or month-first? set "dateOrder" to "dmy" or "mdy" in a mapping file; the row is loaded without it'
      },
      {
        line: 3,
        column: "Created Date",
        reason:
          '"12/16/2023" is ambiguous: day-first or month-first? set "dateOrder" to "dmy" or "mdy" in a mapping file; the row is loaded without it'
      }
    ]);
  });
});
