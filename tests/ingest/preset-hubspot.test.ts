import {describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {FIXTURES, queryWarehouse, tempDir, tempWarehouse, writeFile} from "./temp-warehouse.ts";

// tests/fixtures/hubspot: CRM exports with property labels as headers and internal stage names
const folder = `${FIXTURES}/hubspot`;

describe("ingest(options) with HubSpot exports", () => {
  it("recognises deals, contacts and companies by their headers", async () => {
    const result = await ingest({paths: [folder], warehouse: tempWarehouse()});
    expect(result.files.map((f) => [f.file, f.entity, f.source, f.rowsRead, f.rowsLoaded, f.rowsQuarantined])).toEqual([
      [`${folder}/companies.csv`, "accounts", "hubspot", 3, 3, 0],
      [`${folder}/contacts.csv`, "contacts", "hubspot", 4, 4, 0],
      [`${folder}/deals.csv`, "opportunities", "hubspot", 5, 5, 0]
    ]);
  });

  it("maps the default deal pipeline to canonical stages", async () => {
    const warehouse = tempWarehouse();
    await ingest({paths: [folder], warehouse});
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT opportunity_id, name, account_id, owner_rep_id, stage, outcome, amount::VARCHAR AS amount, currency,
          created_at::VARCHAR AS created_at, expected_close_at::VARCHAR AS expected_close_at, closed_at::VARCHAR AS closed_at
         FROM opportunities ORDER BY opportunity_id`
      )
    ).toEqual([
      {
        opportunity_id: "9001",
        name: "Northwind - Annual plan",
        account_id: "5101",
        owner_rep_id: "Maria Garcia",
        stage: "potential",
        outcome: "open",
        amount: "4800.00",
        currency: "USD",
        created_at: "2024-02-01 09:15:00",
        expected_close_at: "2024-04-30",
        closed_at: null
      },
      {
        opportunity_id: "9002",
        name: "Contoso - 50 seats",
        account_id: "5102",
        owner_rep_id: "Tom Baker",
        stage: "potential",
        outcome: "open",
        amount: "12500.50",
        currency: "USD",
        created_at: "2024-02-03 17:40:00",
        expected_close_at: "2024-05-15",
        closed_at: null
      },
      {
        opportunity_id: "9003",
        name: "Fabrikam - Upgrade",
        account_id: "5103",
        owner_rep_id: "Maria Garcia",
        stage: "negotiation",
        outcome: "open",
        amount: "30000.00",
        currency: "USD",
        created_at: "2024-01-20 08:00:00",
        expected_close_at: "2024-03-31",
        closed_at: null
      },
      {
        opportunity_id: "9004",
        name: "Contoso - Pilot",
        account_id: "5102",
        owner_rep_id: "Tom Baker",
        stage: "won",
        outcome: "won",
        amount: "7200.00",
        currency: "USD",
        created_at: "2024-01-10 11:30:00",
        expected_close_at: "2024-03-08",
        closed_at: "2024-03-08 00:00:00"
      },
      {
        opportunity_id: "9005",
        name: "Litware - Trial",
        account_id: "5199",
        owner_rep_id: "Maria Garcia",
        stage: "lost",
        outcome: "lost",
        amount: "2000.00",
        currency: "USD",
        created_at: "2024-01-15 14:05:00",
        expected_close_at: "2024-02-20",
        closed_at: "2024-02-20 00:00:00"
      }
    ]);
  });

  it("keeps and reports references to companies and owners that were not exported", async () => {
    const result = await ingest({paths: [folder], warehouse: tempWarehouse()});
    // deal 9005 points at company 5199, which the companies export lacks; owners are names and no users were exported
    expect(result.references).toEqual([
      {
        table: "accounts",
        column: "owner_rep_id",
        references: "reps",
        resolvedByName: 0,
        orphans: 3,
        example: "Maria Garcia"
      },
      {
        table: "opportunities",
        column: "account_id",
        references: "accounts",
        resolvedByName: 0,
        orphans: 1,
        example: "5199"
      },
      {
        table: "opportunities",
        column: "owner_rep_id",
        references: "reps",
        resolvedByName: 0,
        orphans: 5,
        example: "Maria Garcia"
      }
    ]);
  });

  it("loads companies and contacts", async () => {
    const warehouse = tempWarehouse();
    await ingest({paths: [folder], warehouse});
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT account_id, name, industry, employees::INTEGER AS employees, annual_revenue::VARCHAR AS annual_revenue,
          city, province, country, created_at::VARCHAR AS created_at FROM accounts ORDER BY 1`
      )
    ).toEqual([
      {
        account_id: "5101",
        name: "Northwind Traders",
        industry: "Food & Beverage",
        employees: 120,
        annual_revenue: "8500000.00",
        city: "Seattle",
        province: "WA",
        country: "United States",
        created_at: "2023-11-02 10:00:00"
      },
      {
        account_id: "5102",
        name: "Contoso",
        industry: "Computer Software",
        employees: 2500,
        annual_revenue: null,
        city: "Redmond",
        province: "WA",
        country: "United States",
        created_at: "2023-12-14 15:30:00"
      },
      {
        account_id: "5103",
        name: "Fabrikam",
        industry: "Textiles",
        employees: 45,
        annual_revenue: "1200000.00",
        city: "Lyon",
        province: null,
        country: "France",
        created_at: "2024-01-05 09:00:00"
      }
    ]);
    expect(
      await queryWarehouse(warehouse, `SELECT contact_id, account_id, title, email, phone FROM contacts ORDER BY 1`)
    ).toEqual([
      {
        contact_id: "301",
        account_id: "5101",
        title: "Purchasing Manager",
        email: "ana.silva@northwind.example",
        phone: "+1 206 555 0150"
      },
      {contact_id: "302", account_id: "5102", title: "IT Director", email: "k.sato@contoso.example", phone: null},
      {
        contact_id: "303",
        account_id: "5103",
        title: "CEO",
        email: "lea.martin@fabrikam.example",
        phone: "+33 4 72 00 00 00"
      },
      {contact_id: "304", account_id: null, title: null, email: "sam.lee@example.org", phone: null}
    ]);
  });

  it("maps the stage labels of an export made from the deals board", async () => {
    const warehouse = tempWarehouse();
    const path = writeFile(
      tempDir(),
      "hubspot-crm-exports-all-deals-2024-04-01.csv",
      [
        "Record ID,Deal Name,Deal Stage,Amount,Create Date,Close Date",
        "1,A,Appointment Scheduled,100,2024-01-02 10:00,2024-02-01 00:00",
        "2,B,Presentation Scheduled,100,2024-01-02 10:00,2024-02-01 00:00",
        "3,C,Decision Maker Bought-In,100,2024-01-02 10:00,2024-02-01 00:00",
        "4,D,Contract Sent,100,2024-01-02 10:00,2024-02-01 00:00",
        "5,E,Closed Won,100,2024-01-02 10:00,2024-02-01 00:00",
        "6,F,Closed Lost,100,2024-01-02 10:00,2024-02-01 00:00"
      ].join("\n")
    );
    const result = await ingest({paths: [path], warehouse});
    expect([result.rowsRead, result.rowsLoaded, result.rowsQuarantined]).toEqual([6, 6, 0]);
    expect(
      await queryWarehouse(warehouse, "SELECT opportunity_id, stage, outcome FROM opportunities ORDER BY 1")
    ).toEqual([
      {opportunity_id: "1", stage: "potential", outcome: "open"},
      {opportunity_id: "2", stage: "intent", outcome: "open"},
      {opportunity_id: "3", stage: "intent", outcome: "open"},
      {opportunity_id: "4", stage: "negotiation", outcome: "open"},
      {opportunity_id: "5", stage: "won", outcome: "won"},
      {opportunity_id: "6", stage: "lost", outcome: "lost"}
    ]);
  });
});
