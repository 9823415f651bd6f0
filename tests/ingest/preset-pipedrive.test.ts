import {describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {FIXTURES, queryWarehouse, tempWarehouse} from "./temp-warehouse.ts";

// tests/fixtures/pipedrive: exports with "Deal - Title" style headers; organizations and owners are names
const folder = `${FIXTURES}/pipedrive`;

describe("ingest(options) with Pipedrive exports", () => {
  it("recognises deals, activities, persons and organizations by their headers", async () => {
    const result = await ingest({paths: [folder], warehouse: tempWarehouse()});
    expect(result.files.map((f) => [f.file, f.entity, f.source, f.rowsRead, f.rowsLoaded, f.rowsQuarantined])).toEqual([
      [`${folder}/organizations.csv`, "accounts", "pipedrive", 3, 3, 0],
      [`${folder}/persons.csv`, "contacts", "pipedrive", 2, 2, 0],
      [`${folder}/deals.csv`, "opportunities", "pipedrive", 4, 4, 0],
      [`${folder}/activities.csv`, "activities", "pipedrive", 3, 3, 0]
    ]);
  });

  it("takes the outcome from the deal status and the stage from the pipeline", async () => {
    const warehouse = tempWarehouse();
    await ingest({paths: [folder], warehouse});
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT opportunity_id, account_id, stage, outcome, amount::VARCHAR AS amount, currency, source,
          created_at::VARCHAR AS created_at, expected_close_at::VARCHAR AS expected_close_at,
          closed_at::VARCHAR AS closed_at, lost_reason FROM opportunities ORDER BY opportunity_id`
      )
    ).toEqual([
      {
        opportunity_id: "101",
        account_id: "11",
        stage: "potential",
        outcome: "open",
        amount: "5000.00",
        currency: "EUR",
        source: "Web visitors",
        created_at: "2024-01-04 09:00:00",
        expected_close_at: "2024-03-31",
        closed_at: null,
        lost_reason: null
      },
      {
        opportunity_id: "102",
        account_id: "12",
        stage: "intent",
        outcome: "open",
        amount: "18000.00",
        currency: "EUR",
        source: "Referral",
        created_at: "2024-01-11 15:30:00",
        expected_close_at: "2024-04-30",
        closed_at: null,
        lost_reason: null
      },
      {
        opportunity_id: "103",
        account_id: "13",
        stage: "negotiation",
        outcome: "won",
        amount: "42000.00",
        currency: "EUR",
        source: "Events",
        created_at: "2024-01-02 08:15:00",
        expected_close_at: "2024-02-29",
        closed_at: "2024-02-28 17:45:00",
        lost_reason: null
      },
      {
        opportunity_id: "104",
        account_id: "12",
        stage: "negotiation",
        outcome: "lost",
        amount: "3000.00",
        currency: "EUR",
        source: "Referral",
        created_at: "2024-01-18 12:00:00",
        expected_close_at: "2024-02-15",
        closed_at: "2024-02-10 09:30:00",
        lost_reason: "Price too high"
      }
    ]);
  });

  it("resolves organization names to organization ids and reports owners that are not reps", async () => {
    const result = await ingest({paths: [folder], warehouse: tempWarehouse()});
    expect(result.references).toEqual([
      {
        table: "accounts",
        column: "owner_rep_id",
        references: "reps",
        resolvedByName: 0,
        orphans: 3,
        example: "Eva Novak"
      },
      {table: "contacts", column: "account_id", references: "accounts", resolvedByName: 2, orphans: 0, example: null},
      {
        table: "opportunities",
        column: "account_id",
        references: "accounts",
        resolvedByName: 4,
        orphans: 0,
        example: null
      },
      {
        table: "opportunities",
        column: "owner_rep_id",
        references: "reps",
        resolvedByName: 0,
        orphans: 4,
        example: "Eva Novak"
      },
      {table: "activities", column: "rep_id", references: "reps", resolvedByName: 0, orphans: 3, example: "Eva Novak"}
    ]);
  });

  it("loads activities with canonical types and persons", async () => {
    const warehouse = tempWarehouse();
    await ingest({paths: [folder], warehouse});
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT activity_id, opportunity_id, account_id, rep_id, type, occurred_at::VARCHAR AS occurred_at, outcome, subject
         FROM activities ORDER BY 1`
      )
    ).toEqual([
      {
        activity_id: "7001",
        opportunity_id: "101",
        account_id: "11",
        rep_id: "Eva Novak",
        type: "call",
        occurred_at: "2024-01-04 10:20:00",
        outcome: "Interested in Q1",
        subject: "First call"
      },
      {
        activity_id: "7002",
        opportunity_id: "102",
        account_id: "12",
        rep_id: "Eva Novak",
        type: "meeting",
        occurred_at: "2024-01-15 15:05:00",
        outcome: null,
        subject: "Product demo"
      },
      {
        activity_id: "7003",
        opportunity_id: "103",
        account_id: "13",
        rep_id: "Piotr Zielinski",
        type: "email",
        occurred_at: "2024-02-20 09:00:00",
        outcome: "Signed copy expected",
        subject: "Send contract"
      }
    ]);
    expect(
      await queryWarehouse(
        warehouse,
        "SELECT contact_id, account_id, name, title, email, phone FROM contacts ORDER BY 1"
      )
    ).toEqual([
      {
        contact_id: "201",
        account_id: "11",
        name: "Jonas Weber",
        title: "Head of Sales",
        email: "jonas.weber@blueocean.example",
        phone: "+49 40 555 0101"
      },
      {
        contact_id: "202",
        account_id: "12",
        name: "Mia Braun",
        title: "CFO",
        email: "mia.braun@redwood.example",
        phone: null
      }
    ]);
  });
});
