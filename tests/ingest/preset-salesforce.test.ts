import {copyFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {FIXTURES, queryWarehouse, tempDir, tempWarehouse, writeFile} from "./temp-warehouse.ts";

// tests/fixtures/salesforce: a Data Export (API-name headers, every field quoted, UTC times with Z)
const folder = `${FIXTURES}/salesforce`;
const fileReport = (file: string, entity: string, rows: number) => ({
  file: `${folder}/${file}`,
  entity,
  source: "salesforce",
  encoding: "utf-8",
  format: "csv",
  rowsRead: rows,
  rowsLoaded: rows,
  rowsQuarantined: 0,
  valuesSetAside: 0,
  status: "loaded"
});

describe("ingest(options) with Salesforce exports", () => {
  it("recognises Opportunity, OpportunityHistory, Lead, Account, User and Task by their headers", async () => {
    const result = await ingest({paths: [folder], warehouse: tempWarehouse(), exportedAt: "2024-04-01T00:00:00Z"});
    // referenced tables load first
    expect(result.files).toEqual([
      fileReport("User.csv", "reps", 3),
      fileReport("Account.csv", "accounts", 3),
      fileReport("Lead.csv", "leads", 3),
      fileReport("Opportunity.csv", "opportunities", 5),
      fileReport("OpportunityHistory.csv", "stage_history", 5),
      fileReport("Task.csv", "activities", 3)
    ]);
    expect([result.rowsRead, result.rowsLoaded, result.rowsQuarantined]).toEqual([22, 22, 0]);
    expect(result.references).toEqual([]);
  });

  it("recognises the files under any name", async () => {
    // the file name only breaks ties; these names give no hint
    const dir = tempDir();
    const names = ["User", "OpportunityHistory", "Lead", "Account", "Task", "Opportunity"];
    names.forEach((name, i) => copyFileSync(`${folder}/${name}.csv`, join(dir, `export-${i + 1}.csv`)));
    const result = await ingest({paths: [dir], warehouse: tempWarehouse()});
    expect(result.files.map((f) => [f.file.slice(dir.length + 1), f.entity])).toEqual([
      ["export-1.csv", "reps"],
      ["export-4.csv", "accounts"],
      ["export-3.csv", "leads"],
      ["export-6.csv", "opportunities"],
      ["export-2.csv", "stage_history"],
      ["export-5.csv", "activities"]
    ]);
  });

  it("maps the default sales process to canonical stages and derives the outcome", async () => {
    const warehouse = tempWarehouse();
    await ingest({paths: [folder], warehouse});
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT opportunity_id, account_id, owner_rep_id, source, stage, outcome, amount::VARCHAR AS amount, currency,
          probability, created_at::VARCHAR AS created_at, expected_close_at::VARCHAR AS expected_close_at,
          closed_at::VARCHAR AS closed_at FROM opportunities ORDER BY opportunity_id`
      )
    ).toEqual([
      {
        opportunity_id: "0065g000001AbC1AAK",
        account_id: "0015g000002XyZ1AAK",
        owner_rep_id: "0055g000000Rep1AAC",
        source: "Web",
        stage: "potential",
        outcome: "open",
        amount: "12000.00",
        currency: "USD",
        probability: 0.1,
        created_at: "2024-01-05 13:45:00",
        expected_close_at: "2024-03-29",
        closed_at: null
      },
      {
        opportunity_id: "0065g000001AbC2AAK",
        account_id: "0015g000002XyZ2AAK",
        owner_rep_id: "0055g000000Rep2AAC",
        source: "Partner Referral",
        stage: "intent",
        outcome: "open",
        amount: "8500.50",
        currency: "USD",
        probability: 0.6,
        created_at: "2024-01-08 02:10:00",
        expected_close_at: "2024-04-15",
        closed_at: null
      },
      {
        opportunity_id: "0065g000001AbC3AAK",
        account_id: "0015g000002XyZ1AAK",
        owner_rep_id: "0055g000000Rep1AAC",
        source: "Trade Show",
        stage: "negotiation",
        outcome: "open",
        amount: "30000.00",
        currency: "USD",
        probability: 0.9,
        created_at: "2024-01-10 16:00:00",
        expected_close_at: "2024-02-29",
        closed_at: null
      },
      {
        opportunity_id: "0065g000001AbC4AAK",
        account_id: "0015g000002XyZ3AAK",
        owner_rep_id: "0055g000000Rep2AAC",
        source: "Web",
        stage: "won",
        outcome: "won",
        amount: "15000.00",
        currency: "USD",
        probability: 1,
        created_at: "2024-01-03 09:00:00",
        expected_close_at: "2024-03-01",
        closed_at: "2024-03-01 00:00:00"
      },
      {
        opportunity_id: "0065g000001AbC5AAK",
        account_id: "0015g000002XyZ3AAK",
        owner_rep_id: "0055g000000Rep3AAC",
        source: "Phone Inquiry",
        stage: "lost",
        outcome: "lost",
        amount: "22000.00",
        currency: "USD",
        probability: 0,
        created_at: "2024-01-12 20:30:00",
        expected_close_at: "2024-03-15",
        closed_at: "2024-03-15 00:00:00"
      }
    ]);
  });

  it("keeps ForecastCategoryName as the opportunity's forecast category", async () => {
    const warehouse = tempWarehouse();
    await ingest({paths: [folder], warehouse});
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT forecast_category, count(*)::INTEGER AS n FROM opportunities GROUP BY ALL ORDER BY forecast_category`
      )
    ).toEqual([
      {forecast_category: "Closed", n: 1},
      {forecast_category: "Commit", n: 1},
      {forecast_category: "Omitted", n: 1},
      {forecast_category: "Pipeline", n: 2}
    ]);
  });

  it("loads OpportunityHistory as one row per stage entered", async () => {
    const warehouse = tempWarehouse();
    await ingest({paths: [folder], warehouse});
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT opportunity_id, stage, entered_at::VARCHAR AS entered_at, amount::VARCHAR AS amount
         FROM stage_history ORDER BY opportunity_id, entered_at`
      )
    ).toEqual([
      {opportunity_id: "0065g000001AbC4AAK", stage: "potential", entered_at: "2024-01-03 09:00:00", amount: "10000.00"},
      {
        opportunity_id: "0065g000001AbC4AAK",
        stage: "negotiation",
        entered_at: "2024-02-01 10:30:00",
        amount: "15000.00"
      },
      {opportunity_id: "0065g000001AbC4AAK", stage: "won", entered_at: "2024-03-01 08:00:00", amount: "15000.00"},
      {opportunity_id: "0065g000001AbC5AAK", stage: "potential", entered_at: "2024-01-12 20:30:00", amount: "22000.00"},
      {opportunity_id: "0065g000001AbC5AAK", stage: "lost", entered_at: "2024-03-15 17:00:00", amount: "22000.00"}
    ]);
  });

  it("loads leads, accounts, users and tasks", async () => {
    const warehouse = tempWarehouse();
    await ingest({paths: [folder], warehouse});
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT lead_id, created_at::VARCHAR AS created_at, source, status, converted_at::VARCHAR AS converted_at,
          converted_opportunity_id, account_id, rating, company, contact_name FROM leads ORDER BY lead_id`
      )
    ).toEqual([
      {
        lead_id: "00Q5g00000Led01AAA",
        created_at: "2024-01-02 15:20:00",
        source: "Web",
        status: "Closed - Converted",
        converted_at: "2024-01-05 00:00:00",
        converted_opportunity_id: "0065g000001AbC1AAK",
        account_id: "0015g000002XyZ1AAK",
        rating: "Hot",
        company: "Acme Corp",
        contact_name: "Jane Smith"
      },
      {
        lead_id: "00Q5g00000Led02AAA",
        created_at: "2024-01-09 11:00:00",
        source: "Trade Show",
        status: "Working - Contacted",
        converted_at: null,
        converted_opportunity_id: null,
        account_id: null,
        rating: "Warm",
        company: "Umbrella Ltd",
        contact_name: "Wei Chen"
      },
      {
        lead_id: "00Q5g00000Led03AAA",
        created_at: "2024-01-20 23:59:59",
        source: "Purchased List",
        status: "Open - Not Contacted",
        converted_at: null,
        converted_opportunity_id: null,
        account_id: null,
        rating: "Cold",
        company: "Hooli",
        contact_name: "Ada Okafor"
      }
    ]);
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT account_id, name, industry, employees::INTEGER AS employees, annual_revenue::VARCHAR AS annual_revenue,
          city, province, country, owner_rep_id FROM accounts ORDER BY account_id`
      )
    ).toEqual([
      {
        account_id: "0015g000002XyZ1AAK",
        name: "Acme Corp",
        industry: "Manufacturing",
        employees: 420,
        annual_revenue: "25000000.00",
        city: "Boston",
        province: "MA",
        country: "USA",
        owner_rep_id: "0055g000000Rep1AAC"
      },
      {
        account_id: "0015g000002XyZ2AAK",
        name: "Globex",
        industry: "Energy",
        employees: 1200,
        annual_revenue: null,
        city: "Chicago",
        province: "IL",
        country: "USA",
        owner_rep_id: "0055g000000Rep2AAC"
      },
      {
        account_id: "0015g000002XyZ3AAK",
        name: "Initech",
        industry: "Technology",
        employees: 85,
        annual_revenue: "4500000.50",
        city: "Austin",
        province: "TX",
        country: "USA",
        owner_rep_id: "0055g000000Rep2AAC"
      }
    ]);
    expect(
      await queryWarehouse(warehouse, `SELECT rep_id, name, team, region, manager_id FROM reps ORDER BY 1`)
    ).toEqual([
      {
        rep_id: "0055g000000Rep1AAC",
        name: "Ana Lima",
        team: "Enterprise Sales",
        region: "East",
        manager_id: "0055g000000Rep3AAC"
      },
      {
        rep_id: "0055g000000Rep2AAC",
        name: "Ben Ortiz",
        team: "Mid-Market Sales",
        region: "West",
        manager_id: "0055g000000Rep3AAC"
      },
      {rep_id: "0055g000000Rep3AAC", name: "Cho Park", team: "Enterprise Sales", region: "East", manager_id: null}
    ]);
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT activity_id, opportunity_id, account_id, rep_id, type, occurred_at::VARCHAR AS occurred_at, outcome, subject
         FROM activities ORDER BY 1`
      )
    ).toEqual([
      {
        activity_id: "00T5g00000Tsk01AAA",
        opportunity_id: "0065g000001AbC1AAK",
        account_id: "0015g000002XyZ1AAK",
        rep_id: "0055g000000Rep1AAC",
        type: "call",
        occurred_at: "2024-01-05 14:09:00",
        outcome: "Interested",
        subject: "Call"
      },
      {
        activity_id: "00T5g00000Tsk02AAA",
        opportunity_id: "0065g000001AbC1AAK",
        account_id: "0015g000002XyZ1AAK",
        rep_id: "0055g000000Rep1AAC",
        type: "email",
        occurred_at: "2024-01-08 10:00:00",
        outcome: null,
        subject: "Email: Product sheet"
      },
      {
        activity_id: "00T5g00000Tsk03AAA",
        opportunity_id: "0065g000001AbC4AAK",
        account_id: "0015g000002XyZ3AAK",
        rep_id: "0055g000000Rep2AAC",
        type: "task",
        occurred_at: "2024-02-01 16:30:00",
        outcome: null,
        subject: "Send quote"
      }
    ]);
  });

  it("reads Data Loader's upper-case headers", async () => {
    const warehouse = tempWarehouse();
    const path = writeFile(
      tempDir(),
      "extract.csv",
      '"ID","ACCOUNTID","NAME","STAGENAME","AMOUNT","CLOSEDATE","CREATEDDATE"\n' +
        '"0065g000001AbC9AAK","0015g000002XyZ1AAK","Acme - Add-on","Value Proposition","990","2024-06-30","2024-02-02T08:00:00.000Z"\n'
    );
    const result = await ingest({paths: [path], warehouse});
    expect(result.files.map((f) => [f.entity, f.source, f.rowsLoaded])).toEqual([["opportunities", "salesforce", 1]]);
    expect(
      await queryWarehouse(warehouse, "SELECT opportunity_id, stage, amount::VARCHAR AS amount FROM opportunities")
    ).toEqual([{opportunity_id: "0065g000001AbC9AAK", stage: "intent", amount: "990.00"}]);
  });
});
