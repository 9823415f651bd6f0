import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {channelsData, type ChannelSummary} from "../../site/pages/channels-data.ts";
import {dataQualityData} from "../../site/pages/data-quality-data.ts";
import {overviewData} from "../../site/pages/overview-data.ts";
import {pipelineData} from "../../site/pages/pipeline-data.ts";
import {readSiteMeta} from "../../site/read-site-meta.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {tableRows} from "../../src/components/compact-table.js";
import {queryWarehouse, tempDir, writeFile} from "../ingest/temp-warehouse.ts";
import {runCli, withoutProgress} from "./run-cli.ts";

// A company's first exports, each of a shape the sample does not have, from `shangji ingest` on the command
// line to the numbers the site's pages are built from. Every expected value is counted by hand from the
// files below.

/** `shangji ingest` of the folder into a new warehouse: the run, and the warehouse's path. */
async function ingestFolder(folder: string, ...args: string[]) {
  const warehouse = join(tempDir(), "warehouse.duckdb");
  const run = await runCli(["ingest", "--warehouse", warehouse, ...args, folder]);
  return {run, warehouse};
}

/** Page data computed from the warehouse as the site build computes it. */
async function readPage<T>(warehouse: string, read: (connection: Parameters<typeof readSiteMeta>[0]) => Promise<T>) {
  const opened = await openWarehouse(warehouse, {readOnly: true});
  try {
    return await read(opened.connection);
  } finally {
    opened.close();
  }
}

/** Reps and deals of 2016–2017: the newest thing that happened is H3's close on 2017-06-20. */
function historicalExport(): string {
  const folder = tempDir();
  writeFile(folder, "reps.csv", "rep_id,name,team\nR1,Ann,East\nR2,Bob,West\n");
  writeFile(
    folder,
    "opportunities.csv",
    [
      "opportunity_id,owner_rep_id,source,stage,amount,created_at,closed_at",
      "H1,R1,web,won,1000,2017-01-10,2017-02-15",
      "H2,R1,web,lost,500,2017-02-01,2017-03-10",
      "H3,R2,fair,won,2000,2017-03-05,2017-06-20",
      "H4,R2,fair,negotiation,800,2017-05-01,",
      "H5,R1,web,won,300,2016-11-01,2016-12-20",
      ""
    ].join("\n")
  );
  return folder;
}

describe("a historical export, ingested without its date", () => {
  it("is dated by its newest record, with a warning, and the site's periods run up to it", async () => {
    const {run, warehouse} = await ingestFolder(historicalExport());
    expect(run.status).toBe(0);
    expect(withoutProgress(run.stderr)).toContain(
      "warning: no export date was given, and the newest record is " // the count of days depends on today
    );
    expect(run.stderr).toContain(
      "(opportunities.closed_at 2017-06-20): the export is dated 2017-06-20, and the site's periods run up to it"
    );
    const meta = await readPage(warehouse, readSiteMeta);
    expect(meta.exportedAt).toBe("2017-06-20T00:00:00Z");
    expect(meta.periods.map(({id, start, end}) => [id, start, end])).toEqual([
      ["qtd", "2017-04-01", "2017-06-21"],
      ["lq", "2017-01-01", "2017-04-01"],
      ["ytd", "2017-01-01", "2017-06-21"],
      ["ly", "2016-01-01", "2017-01-01"],
      ["l12m", "2016-06-21", "2017-06-21"],
      // the first record: H5 created on 2016-11-01
      ["all", "2016-11-01", "2017-06-21"]
    ]);
    const overview = await readPage(warehouse, overviewData);
    // year to date: H1 (1,000) and H3 (2,000) won, H2 lost; last year: H5 (300); all time: all three won
    expect(overview.slices["ytd|all"].current).toMatchObject({won_revenue: 3000, count_won: 2, count_lost: 1});
    expect(overview.slices["ytd|all"].last_year).toMatchObject({won_revenue: 0, count_won: 0});
    expect(overview.slices["ly|all"].current).toMatchObject({won_revenue: 300, count_won: 1});
    expect(overview.slices["qtd|all"].current).toMatchObject({won_revenue: 2000, count_won: 1, count_lost: 0});
    expect(overview.slices["all|all"].current).toMatchObject({won_revenue: 3300, count_won: 3, count_lost: 1});
    expect(overview.slices["all|all"].previous).toBeNull();
  });

  it("can be redated without a new warehouse, and the periods follow", async () => {
    const {warehouse} = await ingestFolder(historicalExport());
    const redate = await runCli(["redate", "2017-12-31", "--warehouse", warehouse]);
    expect(redate).toEqual({
      status: 0,
      stdout: "",
      stderr:
        "ingest 1: the export is dated 2017-12-31T00:00:00Z (was 2017-06-20T00:00:00Z); " +
        "run shangji build to move the site's periods\n"
    });
    const overview = await readPage(warehouse, overviewData);
    // the fourth quarter of 2017 holds no close; the year still holds H1 and H3
    expect(overview.slices["qtd|all"].current).toMatchObject({won_revenue: 0, count_won: 0});
    expect(overview.slices["ytd|all"].current).toMatchObject({won_revenue: 3000, count_won: 2});
    expect(
      await queryWarehouse(warehouse, "SELECT DISTINCT exported_at::VARCHAR AS at FROM opportunity_snapshots")
    ).toEqual([{at: "2017-12-31 00:00:00"}]);
  });

  it("keeps today's date for an export whose newest record is recent", async () => {
    const fresh = tempDir();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    writeFile(fresh, "opportunities.csv", `opportunity_id,stage,created_at\nN1,intent,${yesterday}\n`);
    const {run, warehouse} = await ingestFolder(fresh);
    expect(run.stderr).not.toContain("warning:");
    const [{day}] = await queryWarehouse(warehouse, "SELECT exported_at::DATE::VARCHAR AS day FROM ingests");
    expect(String(day) >= yesterday).toBe(true);
  });
});

describe("an export whose rows are not all complete", () => {
  it("rejects only the row it cannot place, and the open pipeline keeps the deal without a created date", async () => {
    const folder = tempDir();
    writeFile(
      folder,
      "opportunities.csv",
      [
        "opportunity_id,stage,amount,created_at,closed_at,expected_close_at",
        // an early-stage deal without a created date: open pipeline all the same
        "K1,negotiation,1000,,,2024-05-31",
        "K2,intent,2000,2024-03-01,,2024-06-30",
        "K3,won,500,2024-02-01,2024-03-15,",
        // an amount nobody knows yet: the lost deal counts in the win rate
        "K4,lost,待定,2024-02-10,2024-03-20,",
        // the same id again: cannot be placed
        "K2,won,9999,2024-03-02,2024-03-30,",
        ""
      ].join("\n")
    );
    const {run, warehouse} = await ingestFolder(folder, "--exported-at", "2024-04-01");
    expect(run.stderr).toContain(
      "opportunities.csv → opportunities: 5 read, 4 loaded, 1 rejected, 2 values set aside\n" +
        "total: 5 rows read = 4 loaded + 1 rejected; 2 values of loaded rows set aside"
    );
    const pipeline = await readPage(warehouse, pipelineData);
    const open = tableRows(pipeline.now.slices["*|all"].open);
    // K1 (1,000) and K2 (2,000)
    expect(open.reduce((n, row) => n + row.count_opportunities, 0)).toBe(2);
    expect(open.reduce((n, row) => n + row.amount, 0)).toBe(3000);
    const overview = await readPage(warehouse, overviewData);
    // year to date: K3 won, K4 lost (without an amount); created: K2, K3, K4 — K1 has no created date
    expect(overview.slices["ytd|all"].current).toMatchObject({
      won_revenue: 500,
      count_won: 1,
      count_lost: 1,
      count_opportunities: 3
    });
    // and every page says what its figures leave out
    const meta = await readPage(warehouse, readSiteMeta);
    expect(meta.left_out.all).toEqual({
      opportunities_without_created_at: 1,
      opportunities_without_stage: 0,
      opportunities_without_outcome: 0,
      won_without_amount: 0,
      open_without_amount: 0,
      closed_before_created: 0
    });
    const quality = await readPage(warehouse, dataQualityData);
    expect(quality.quarantine.map((q) => [q.file, q.column, q.rule, q.scope, q.n_rows, q.first_lines])).toEqual([
      ["opportunities.csv", "opportunity_id", "duplicate_key", "row", 1, [6]],
      ["opportunities.csv", "amount", "invalid_amount", "value", 1, [5]],
      ["opportunities.csv", "created_at", "missing_required", "value", 1, [2]]
    ]);
    // files by name, never by the path they were read from
    expect(quality.files.map((f) => f.file)).toEqual(["opportunities.csv"]);
    expect(JSON.stringify(quality)).not.toContain(folder);
  });
});

describe("a header row among data rows that hold column names", () => {
  it("takes the row the mapping file names as the header", async () => {
    const folder = tempDir();
    // the first data row holds "name" and "industry", two column names every preset knows; the header holds none
    writeFile(folder, "clientes.csv", "Cliente,Nome,Ramo\nA1,name,industry\nA2,Loja Azul,varejo\n");
    writeFile(
      folder,
      "shangji-mapping.json",
      JSON.stringify({
        files: {"clientes.csv": {entity: "accounts", columns: {Cliente: "account_id", Nome: "name", Ramo: "industry"}}}
      })
    );
    const {run, warehouse} = await ingestFolder(folder, "--exported-at", "2024-04-01");
    expect(run.stderr).toContain("clientes.csv → accounts: 2 read, 2 loaded\n");
    expect(
      await queryWarehouse(warehouse, "SELECT account_id, name, industry, _line FROM accounts ORDER BY 1")
    ).toEqual([
      {account_id: "A1", name: "name", industry: "industry", _line: 2},
      {account_id: "A2", name: "Loja Azul", industry: "varejo", _line: 3}
    ]);
    const quality = await readPage(warehouse, dataQualityData);
    expect(quality.tables.find((t) => t.table === "accounts")).toMatchObject({n_rows: 2, n_files: 1});
  });
});

describe("a two-file funnel: marketing leads and closed deals", () => {
  it("converts by channel exactly as the two files joined by hand", async () => {
    // as funnel tools export them: the leads with their first contact and origin; the won deals with the lead's
    // id, the won date and the seller, no stage, no channel, no created date
    const folder = tempDir();
    writeFile(
      folder,
      "marketing_qualified_leads.csv",
      [
        "mql_id,first_contact_date,landing_page_id,origin",
        "m1,2018-02-01,lp1,organic_search",
        "m2,2018-02-03,lp2,paid_search",
        // m3's deal is dated two days before its first contact: it still converts
        "m3,2018-02-05,lp1,organic_search",
        "m4,2018-03-01,lp3,social",
        "m5,2018-03-10,lp2,paid_search",
        ""
      ].join("\n")
    );
    writeFile(
      folder,
      "closed_deals.csv",
      [
        "mql_id,seller_id,sr_id,won_date,business_segment",
        "m1,s1,r1,2018-02-20 10:00:00,pet",
        "m3,s3,r2,2018-02-03 09:00:00,home_decor",
        "m5,s5,r1,2018-04-02 12:00:00,pet",
        ""
      ].join("\n")
    );
    writeFile(
      folder,
      "shangji-mapping.json",
      JSON.stringify({
        files: {
          "marketing_qualified_leads.csv": {
            entity: "leads",
            columns: {
              mql_id: "lead_id",
              first_contact_date: "created_at",
              origin: "source",
              landing_page_id: "campaign"
            }
          },
          "closed_deals.csv": {
            entity: "opportunities",
            columns: {
              mql_id: ["opportunity_id", "lead_id"],
              won_date: "closed_at",
              sr_id: "owner_rep_id",
              business_segment: "product"
            },
            constants: {stage: "won"}
          }
        }
      })
    );
    const {run, warehouse} = await ingestFolder(folder);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      "closed_deals.csv → opportunities: 3 read, 3 loaded (no column holds created_at: loaded without it)"
    );
    // dated by m5's win, the newest record
    expect(run.stderr).toContain("the export is dated 2018-04-02");
    expect(
      await queryWarehouse(
        warehouse,
        "SELECT opportunity_id, lead_id, source, stage, outcome FROM opportunities ORDER BY 1"
      )
    ).toEqual([
      {opportunity_id: "m1", lead_id: "m1", source: "organic_search", stage: "won", outcome: "won"},
      {opportunity_id: "m3", lead_id: "m3", source: "organic_search", stage: "won", outcome: "won"},
      {opportunity_id: "m5", lead_id: "m5", source: "paid_search", stage: "won", outcome: "won"}
    ]);
    const channels = await readPage(warehouse, channelsData);
    const rows = tableRows(channels.slices["all|all"].channels) as ChannelSummary[];
    const bySource = Object.fromEntries(
      rows.map((r) => [r.source, [r.count_leads, r.lead_to_opportunity_rate, r.count_won, r.win_rate]])
    );
    // organic_search: m1 and m3, both won; paid_search: m2 and m5, m5 won; social: m4, nothing
    expect(bySource).toEqual({
      organic_search: [2, 1, 2, 1],
      paid_search: [2, 0.5, 1, 1],
      social: [1, 0, 0, null]
    });
  });
});
