import {describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {redateIngest} from "../../loaders/ingest/redate-ingest.ts";
import {dataQualityData} from "../../site/pages/data-quality-data.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {removedOpportunities} from "../../pipelines/data-quality/removed-opportunities.ts";
import {countRows, queryWarehouse, tempDir, tempWarehouse, writeFile} from "./temp-warehouse.ts";

const HEADER = "opportunity_id,stage,amount,created_at,closed_at";

// Three exports of one CRM. June is partial; July is full (O3 is gone from it: deleted in the CRM); August is
// partial again (it lists only what changed, so its lack of O1 and O4 means nothing).
const EXPORTS = {
  "2024-06-01": ["O1,negotiation,100,2024-05-02,", "O2,potential,50,2024-05-10,", "O3,intent,70,2024-05-20,"],
  "2024-07-01": ["O1,won,120,2024-05-02,2024-06-20", "O2,intent,60,2024-05-10,", "O4,potential,40,2024-06-15,"],
  "2024-08-01": ["O2,lost,60,2024-05-10,2024-07-15", "O5,potential,30,2024-07-20,"]
} as const;
type ExportDate = keyof typeof EXPORTS;
const FULL: ExportDate = "2024-07-01";

function exportFolder(date: ExportDate): string {
  const folder = tempDir();
  writeFile(folder, `deals-${date}.csv`, [HEADER, ...EXPORTS[date], ""].join("\n"));
  return folder;
}

async function ingestInOrder(order: ExportDate[]): Promise<string> {
  const warehouse = tempWarehouse();
  const folders = Object.fromEntries((Object.keys(EXPORTS) as ExportDate[]).map((d) => [d, exportFolder(d)]));
  for (const date of order)
    await ingest({paths: [folders[date]], warehouse, exportedAt: date, fullExport: date === FULL});
  return warehouse;
}

/** The warehouse's content, without the ingest ids, which number the ingests in the order they came. */
async function content(warehouse: string) {
  const deal = `opportunity_id, stage, outcome, amount::DOUBLE AS amount, created_at::DATE::VARCHAR AS created_at,
    closed_at::DATE::VARCHAR AS closed_at`;
  return {
    opportunities: await queryWarehouse(warehouse, `SELECT ${deal} FROM opportunities ORDER BY opportunity_id`),
    removed: await queryWarehouse(
      warehouse,
      `SELECT ${deal}, removed_at::DATE::VARCHAR AS removed_at FROM removed_opportunities ORDER BY opportunity_id`
    ),
    snapshots: await queryWarehouse(
      warehouse,
      `SELECT exported_at::DATE::VARCHAR AS exported_at, opportunity_id, stage, amount::DOUBLE AS amount
       FROM opportunity_snapshots ORDER BY exported_at, opportunity_id`
    )
  };
}

const permutations = <T>(items: T[]): T[][] =>
  items.length <= 1
    ? [items]
    : items.flatMap((x, i) => permutations(items.filter((_, j) => j !== i)).map((p) => [x, ...p]));

describe("ingest(options) of exports that arrive out of order", () => {
  it("gives the same warehouse in every order: the newest export's rows, and each snapshot at its date", async () => {
    const orders = permutations(Object.keys(EXPORTS) as ExportDate[]);
    expect(orders).toHaveLength(6);
    const expected = {
      // O1 as of July (won), O2 as of August (lost), O4 from July, O5 from August; O3 was not in July's full export
      opportunities: [
        {
          opportunity_id: "O1",
          stage: "won",
          outcome: "won",
          amount: 120,
          created_at: "2024-05-02",
          closed_at: "2024-06-20"
        },
        {
          opportunity_id: "O2",
          stage: "lost",
          outcome: "lost",
          amount: 60,
          created_at: "2024-05-10",
          closed_at: "2024-07-15"
        },
        {
          opportunity_id: "O4",
          stage: "potential",
          outcome: "open",
          amount: 40,
          created_at: "2024-06-15",
          closed_at: null
        },
        {
          opportunity_id: "O5",
          stage: "potential",
          outcome: "open",
          amount: 30,
          created_at: "2024-07-20",
          closed_at: null
        }
      ],
      removed: [
        {
          opportunity_id: "O3",
          stage: "intent",
          outcome: "open",
          amount: 70,
          created_at: "2024-05-20",
          closed_at: null,
          removed_at: "2024-07-01"
        }
      ],
      snapshots: (Object.keys(EXPORTS) as ExportDate[]).flatMap((date) =>
        EXPORTS[date].map((line) => {
          const [id, stage, amount] = line.split(",");
          return {exported_at: date, opportunity_id: id, stage, amount: Number(amount)};
        })
      )
    };
    for (const order of orders) {
      const warehouse = await ingestInOrder(order);
      expect({order, ...(await content(warehouse))}).toEqual({order, ...expected});
    }
    // eighteen ingests: about 10 s on an idle machine
  }, 300_000);

  it("tells the user an older export kept newer rows, and what a full export removed", async () => {
    const warehouse = tempWarehouse();
    const july = await ingest({
      paths: [exportFolder("2024-07-01")],
      warehouse,
      exportedAt: "2024-07-01",
      fullExport: true
    });
    expect(july.removed).toEqual({count: 0, examples: []});
    const june = await ingest({paths: [exportFolder("2024-06-01")], warehouse, exportedAt: "2024-06-01"});
    // O1 and O2 are newer in July; O3, June's only other deal, was already gone by July
    expect(june.warnings).toEqual([
      "2 opportunities rows of exports newer than this one (2024-06-01) were kept: an older export fills gaps and adds to history, it never replaces newer rows"
    ]);
    expect(june.removed).toEqual({count: 0, examples: []});
    expect(await countRows(warehouse, ["opportunities", "removed_opportunities"])).toEqual({
      opportunities: 3,
      removed_opportunities: 1
    });
  });

  it("within one folder, takes a deal from the file with the newer records, whatever the file names", async () => {
    const folder = tempDir();
    writeFile(folder, "a.csv", [HEADER, "O1,won,120,2024-05-02,2024-06-20", ""].join("\n"));
    writeFile(
      folder,
      "b.csv",
      [HEADER, "O1,negotiation,100,2024-05-02,", "O2,potential,50,2024-05-10,", ""].join("\n")
    );
    const warehouse = tempWarehouse();
    await ingest({paths: [folder], warehouse, exportedAt: "2024-07-01"});
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT opportunity_id, stage, regexp_extract(_file, '[^/]+$') AS _file FROM opportunities ORDER BY 1`
      )
    ).toEqual([
      {opportunity_id: "O1", stage: "won", _file: "a.csv"},
      {opportunity_id: "O2", stage: "potential", _file: "b.csv"}
    ]);
    expect(
      await queryWarehouse(warehouse, `SELECT opportunity_id, stage FROM opportunity_snapshots ORDER BY 1`)
    ).toEqual([
      {opportunity_id: "O1", stage: "won"},
      {opportunity_id: "O2", stage: "potential"}
    ]);
  });
});

describe("ingest(options) of a full export", () => {
  it("removes what it no longer holds; a partial export removes nothing", async () => {
    const warehouse = tempWarehouse();
    await ingest({paths: [exportFolder("2024-06-01")], warehouse, exportedAt: "2024-06-01"});
    const august = await ingest({paths: [exportFolder("2024-08-01")], warehouse, exportedAt: "2024-08-01"});
    expect(august.removed.count).toBe(0);
    expect(await countRows(warehouse, ["opportunities", "removed_opportunities"])).toEqual({
      opportunities: 4,
      removed_opportunities: 0
    });
    const folder = tempDir();
    writeFile(folder, "deals.csv", [HEADER, "O2,lost,60,2024-05-10,2024-07-15", ""].join("\n"));
    const full = await ingest({paths: [folder], warehouse, exportedAt: "2024-09-01", fullExport: true});
    // June's O1 and O3 and August's O5 are gone from it
    expect(full.removed).toEqual({count: 3, examples: ["O1", "O3", "O5"]});
    expect(await queryWarehouse(warehouse, `SELECT opportunity_id FROM opportunities`)).toEqual([
      {opportunity_id: "O2"}
    ]);
    const opened = await openWarehouse(warehouse, {readOnly: true});
    try {
      const period = {start: "2024-07-01", end: "2024-10-01"};
      const {rows} = await removedOpportunities({connection: opened.connection, period, now: "2024-09-01T00:00:00Z"});
      expect(rows.map((r) => [r.opportunity_id, r.stage, r.amount, r.last_exported_at, r.removed_at])).toEqual([
        ["O1", "negotiation", 100, "2024-06-01T00:00:00Z", "2024-09-01T00:00:00Z"],
        ["O3", "intent", 70, "2024-06-01T00:00:00Z", "2024-09-01T00:00:00Z"],
        ["O5", "potential", 30, "2024-08-01T00:00:00Z", "2024-09-01T00:00:00Z"]
      ]);
      // the data-quality page lists them, the latest removed first (all three by the same export: by id)
      const page = await dataQualityData(opened.connection);
      expect(page.removed.n_opportunities).toBe(3);
      expect(page.removed.rows.map((r) => [r.opportunity_id, r.rep_name])).toEqual([
        ["O1", null],
        ["O3", null],
        ["O5", null]
      ]);
    } finally {
      opened.close();
    }
  });

  it("reads again a file of it that has not changed, which still holds its deals", async () => {
    const folder = tempDir();
    writeFile(folder, "shangji-mapping.json", JSON.stringify({fullExport: true}));
    writeFile(folder, "deals-h1.csv", [HEADER, "O1,negotiation,100,2024-05-02,", ""].join("\n"));
    writeFile(folder, "deals-h2.csv", [HEADER, "O2,potential,50,2024-07-10,", ""].join("\n"));
    const warehouse = tempWarehouse();
    await ingest({paths: [folder], warehouse, exportedAt: "2024-08-01"});
    writeFile(folder, "deals-h2.csv", [HEADER, "O2,intent,50,2024-07-10,", ""].join("\n"));
    const next = await ingest({paths: [folder], warehouse, exportedAt: "2024-09-01"});
    expect(next.removed.count).toBe(0);
    expect(next.files.map((f) => [f.file.split("/").at(-1), f.status])).toEqual([
      ["deals-h1.csv", "loaded"],
      ["deals-h2.csv", "loaded"]
    ]);
    expect(await queryWarehouse(warehouse, `SELECT opportunity_id, stage FROM opportunities ORDER BY 1`)).toEqual([
      {opportunity_id: "O1", stage: "negotiation"},
      {opportunity_id: "O2", stage: "intent"}
    ]);
    // nothing new: nothing read, nothing removed
    const again = await ingest({paths: [folder], warehouse, exportedAt: "2024-09-02"});
    expect(again.ingestId).toBeNull();
  });

  it("brings a deal back when an export newer than the full one holds it, and re-dating moves the line", async () => {
    const warehouse = tempWarehouse();
    await ingest({paths: [exportFolder("2024-06-01")], warehouse, exportedAt: "2024-06-01"});
    await ingest({paths: [exportFolder("2024-07-01")], warehouse, exportedAt: "2024-07-01", fullExport: true});
    expect(await queryWarehouse(warehouse, `SELECT opportunity_id FROM removed_opportunities`)).toEqual([
      {opportunity_id: "O3"}
    ]);
    // the June export re-dated after July: O3 was last seen after the full export, so it is no longer removed
    await redateIngest(warehouse, "2024-07-15", 1);
    expect(await countRows(warehouse, ["removed_opportunities"])).toEqual({removed_opportunities: 0});
    const folder = tempDir();
    writeFile(folder, "deals.csv", [HEADER, "O3,negotiation,90,2024-05-20,", ""].join("\n"));
    await redateIngest(warehouse, "2024-06-01", 1);
    await ingest({paths: [folder], warehouse, exportedAt: "2024-08-01"});
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT stage, amount::DOUBLE AS amount FROM opportunities WHERE opportunity_id = 'O3'`
      )
    ).toEqual([{stage: "negotiation", amount: 90}]);
    expect(await countRows(warehouse, ["removed_opportunities"])).toEqual({removed_opportunities: 0});
  });
});
