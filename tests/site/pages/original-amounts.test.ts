import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {ingest} from "../../../loaders/ingest/ingest.ts";
import {dataQualityData, type DataQualitySlice} from "../../../site/pages/data-quality-data.ts";
import {followUpOptions} from "../../../pipelines/follow-up/follow-up-options.ts";
import {followUpData, type TodaySlice} from "../../../site/pages/follow-up-data.ts";
import {funnelData} from "../../../site/pages/funnel-data.ts";
import {opportunitiesData} from "../../../site/pages/opportunities-data.ts";
import {repData} from "../../../site/pages/rep-data.ts";
import {openWarehouse, type Warehouse} from "../../../warehouse/open-warehouse.ts";
import {tableRows} from "../../../src/components/compact-table.js";
import {sliceAt} from "../../../src/components/slices.js";

// CNY is the currency most deals are in, so the reporting one. The open deals are converted at the export's
// day, 2025-03-10: USD at 7.3, EUR at 7.7. Nobody touched them; each is past its expected close date and has
// been in negotiation since 2024-06-01, longer than the closed deals stayed there (enough of them that the
// open ones, still in the stage, do not hold the p90 up)
const LOST = Array.from({length: 30}, (_, i) => `L${String(i + 2).padStart(2, "0")}`);
const FILES = {
  "opportunities.csv": `opportunity_id,owner_rep_id,created_at,stage,amount,currency,closed_at,expected_close_at
W1,R1,2024-12-01,won,1000,CNY,2025-01-10,
W2,R1,2024-12-01,won,300,CNY,2025-02-20,
W3,R1,2024-12-01,won,100,USD,2025-01-20,
L1,R1,2024-12-01,lost,999,EUR,2025-01-25,
O1,R1,2024-06-01,negotiation,1000,USD,,2025-03-01
O2,R1,2024-06-01,negotiation,500,CNY,,2025-03-05
O3,R1,2024-06-01,negotiation,55.5,EUR,,2025-02-20
${LOST.map((id) => `${id},R1,2024-12-01,lost,10,CNY,2025-01-25,\n`).join("")}`,
  "reps.csv": `rep_id,name,team,region
R1,Li Lei,North,East
`,
  "activities.csv": `activity_id,opportunity_id,type,occurred_at
A1,W1,call,2024-12-02
`,
  "stage_history.csv": `opportunity_id,stage,entered_at
W1,negotiation,2024-12-01
W1,won,2025-01-10
W2,negotiation,2024-12-01
W2,won,2025-02-20
W3,negotiation,2024-12-01
W3,won,2025-01-20
L1,negotiation,2024-12-01
L1,lost,2025-01-25
O1,negotiation,2024-06-01
O2,negotiation,2024-06-01
O3,negotiation,2024-06-01
${LOST.map((id) => `${id},negotiation,2024-12-01\n${id},lost,2025-01-25\n`).join("")}`,
  "exchange_rates.csv": `date,currency,rate
2025-01,USD,7.2
2025-02,USD,7.25
2025-03,USD,7.3
2025-01,EUR,7.6
2025-02,EUR,7.8
2025-03,EUR,7.7
`
};

// O3's 55.5 EUR is 427.35 CNY; both are written in whole units
const O1 = {amount: 7300, amount_original: 1000, currency_original: "USD"};
const O2 = {amount: 500};
const O3 = {amount: 427, amount_original: 56, currency_original: "EUR"};

interface Listed {
  opportunity_id: string;
  amount: number | null;
  amount_original?: number;
  currency_original?: string;
}

const amounts = (rows: Listed[]) =>
  rows.map(({opportunity_id, amount, amount_original, currency_original}) => ({
    opportunity_id,
    amount,
    ...(amount_original === undefined ? {} : {amount_original}),
    ...(currency_original === undefined ? {} : {currency_original})
  }));

describe("lists of opportunities in three currencies", () => {
  let warehouse: Warehouse;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "shangji-original-amounts-"));
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(folder, name), text);
    const path = join(folder, "warehouse.duckdb");
    await ingest({
      paths: Object.keys(FILES).map((name) => join(folder, name)),
      warehouse: path,
      exportedAt: "2025-03-10T00:00:00.000Z"
    });
    warehouse = await openWarehouse(path, {readOnly: true});
  });
  afterAll(() => {
    warehouse.close();
    rmSync(folder, {recursive: true, force: true});
  });

  it("dataQualityData(connection) lists past close dates with the amounts before conversion", async () => {
    const data = await dataQualityData(warehouse.connection);
    const slice = sliceAt<DataQualitySlice>(data.slices, "*|all");
    // the longest overdue first: O3 (due 02-20), O1 (03-01), O2 (03-05)
    expect(amounts(slice.past_close_dates.rows)).toEqual([
      {opportunity_id: "O3", ...O3},
      {opportunity_id: "O1", ...O1},
      {opportunity_id: "O2", ...O2}
    ]);
  });

  it("followUpData(connection, plan) lists overdue follow-ups with the amounts before conversion", async () => {
    // silent since 2024-06-01 and past their close: stale under the default limits, so limits beyond that
    const plan = followUpOptions({staleSilentDays: 1000, stalePastCloseDays: 1000});
    const data = await followUpData(warehouse.connection, plan);
    const today = sliceAt<TodaySlice>(data.today, "*|all");
    expect(today.actions.columns.slice(-2)).toEqual(["amount_original", "currency_original"]);
    // never touched since 2024-06-01: a check-in due the same day, so the larger amount first; O2 has no original amount
    expect(
      tableRows<Record<string, unknown>>(today.actions).map(
        ({opportunity_id, amount, amount_original, currency_original}) => [
          opportunity_id,
          amount,
          amount_original,
          currency_original
        ]
      )
    ).toEqual([
      ["O1", 7300, 1000, "USD"],
      ["O2", 500, null, null],
      ["O3", 427, 56, "EUR"]
    ]);
  });

  it("repData(connection, slug) lists the rep's open deals with the amounts before conversion", async () => {
    const data = await repData(warehouse.connection, "R1");
    expect(amounts(data.deals)).toEqual([
      {opportunity_id: "O1", ...O1},
      {opportunity_id: "O2", ...O2},
      {opportunity_id: "O3", ...O3}
    ]);
  });

  it("opportunitiesData(connection) lists the priority deals with the amounts before conversion", async () => {
    const {deals} = await opportunitiesData(warehouse.connection);
    expect(amounts(["O1", "O2", "O3"].map((id) => deals[id]))).toEqual([
      {opportunity_id: "O1", ...O1},
      {opportunity_id: "O2", ...O2},
      {opportunity_id: "O3", ...O3}
    ]);
  });

  it("funnelData(connection) lists stuck opportunities with the amounts before conversion", async () => {
    const data = await funnelData(warehouse.connection);
    expect(amounts(data.stuck_opportunities)).toEqual([
      {opportunity_id: "O1", ...O1},
      {opportunity_id: "O2", ...O2},
      {opportunity_id: "O3", ...O3}
    ]);
  });
});
