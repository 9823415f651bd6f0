import {copyFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {countRows, FIXTURES, queryWarehouse, tempDir, tempWarehouse, writeFile} from "./temp-warehouse.ts";

const TABLES = ["reps", "accounts", "opportunities", "quarantine", "ingests", "ingest_files", "opportunity_snapshots"];

const MARCH = `opportunity_id,name,stage,amount,created_at
o1,Alpha,potential,100,2024-01-05
o2,Beta,intent,200,2024-01-06
o3,Gamma,negotiation,300,2024-01-07
`;
const APRIL = `opportunity_id,name,stage,amount,created_at
o1,Alpha,intent,150,2024-01-05
o3,Gamma,won,300,2024-01-07
o4,Delta,potential,50,2024-03-20
`;

describe("ingest(options) into an existing warehouse", () => {
  it("changes nothing when the same files are ingested again", async () => {
    const warehouse = tempWarehouse();
    const paths = [`${FIXTURES}/zh`];
    await ingest({paths, warehouse, exportedAt: "2024-04-01"});
    const before = await countRows(warehouse, TABLES);
    expect(before).toEqual({
      reps: 3,
      accounts: 4,
      opportunities: 5,
      quarantine: 0,
      ingests: 1,
      ingest_files: 3,
      opportunity_snapshots: 5
    });
    const again = await ingest({paths, warehouse, exportedAt: "2024-04-02"});
    expect(await countRows(warehouse, TABLES)).toEqual(before);
    expect(again.ingestId).toBeNull();
    expect(again.files.map((f) => [f.file, f.status, f.rowsRead])).toEqual([
      [`${FIXTURES}/zh/员工.csv`, "unchanged", 0],
      [`${FIXTURES}/zh/商机.csv`, "unchanged", 0],
      [`${FIXTURES}/zh/客户.csv`, "unchanged", 0]
    ]);
    expect([again.rowsRead, again.rowsLoaded, again.rowsQuarantined]).toEqual([0, 0, 0]);
  });

  it("knows a file by its content, not its name", async () => {
    const warehouse = tempWarehouse();
    const dir = tempDir();
    const march = writeFile(dir, "opportunities.csv", MARCH);
    await ingest({paths: [march], warehouse});
    const copy = join(dir, "opportunities (1).csv");
    copyFileSync(march, copy);
    const again = await ingest({paths: [copy], warehouse});
    expect(again.files.map((f) => f.status)).toEqual(["unchanged"]);
    expect(await countRows(warehouse, ["ingests"])).toEqual({ingests: 1});
  });

  it("updates rows by id from a newer export and keeps rows it does not mention", async () => {
    const warehouse = tempWarehouse();
    const dir = tempDir();
    await ingest({paths: [writeFile(dir, "march.csv", MARCH)], warehouse, exportedAt: "2024-03-01"});
    const april = await ingest({paths: [writeFile(dir, "april.csv", APRIL)], warehouse, exportedAt: "2024-04-01"});
    expect([april.ingestId, april.rowsRead, april.rowsLoaded]).toEqual([2, 3, 3]);
    expect(
      await queryWarehouse(
        warehouse,
        "SELECT opportunity_id, stage, outcome, amount::VARCHAR AS amount, _ingest_id FROM opportunities ORDER BY 1"
      )
    ).toEqual([
      {opportunity_id: "o1", stage: "intent", outcome: "open", amount: "150.00", _ingest_id: 2},
      {opportunity_id: "o2", stage: "intent", outcome: "open", amount: "200.00", _ingest_id: 1},
      {opportunity_id: "o3", stage: "won", outcome: "won", amount: "300.00", _ingest_id: 2},
      {opportunity_id: "o4", stage: "potential", outcome: "open", amount: "50.00", _ingest_id: 2}
    ]);
  });

  it("records what each export said of each opportunity, with the export's time", async () => {
    const warehouse = tempWarehouse();
    const dir = tempDir();
    await ingest({paths: [writeFile(dir, "march.csv", MARCH)], warehouse, exportedAt: "2024-03-01T09:00:00+08:00"});
    await ingest({paths: [writeFile(dir, "april.csv", APRIL)], warehouse, exportedAt: "2024-04-01T09:00:00+08:00"});
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT ingest_id, exported_at::VARCHAR AS exported_at, opportunity_id, stage, outcome, amount::VARCHAR AS amount
         FROM opportunity_snapshots ORDER BY ingest_id, opportunity_id`
      )
    ).toEqual([
      {
        ingest_id: 1,
        exported_at: "2024-03-01 01:00:00",
        opportunity_id: "o1",
        stage: "potential",
        outcome: "open",
        amount: "100.00"
      },
      {
        ingest_id: 1,
        exported_at: "2024-03-01 01:00:00",
        opportunity_id: "o2",
        stage: "intent",
        outcome: "open",
        amount: "200.00"
      },
      {
        ingest_id: 1,
        exported_at: "2024-03-01 01:00:00",
        opportunity_id: "o3",
        stage: "negotiation",
        outcome: "open",
        amount: "300.00"
      },
      {
        ingest_id: 2,
        exported_at: "2024-04-01 01:00:00",
        opportunity_id: "o1",
        stage: "intent",
        outcome: "open",
        amount: "150.00"
      },
      {
        ingest_id: 2,
        exported_at: "2024-04-01 01:00:00",
        opportunity_id: "o3",
        stage: "won",
        outcome: "won",
        amount: "300.00"
      },
      {
        ingest_id: 2,
        exported_at: "2024-04-01 01:00:00",
        opportunity_id: "o4",
        stage: "potential",
        outcome: "open",
        amount: "50.00"
      }
    ]);
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT ingest_id, exported_at::VARCHAR AS exported_at, files, rows_read::INTEGER AS rows_read,
          rows_loaded::INTEGER AS rows_loaded, rows_quarantined::INTEGER AS rows_quarantined, status FROM ingests ORDER BY 1`
      )
    ).toEqual([
      {
        ingest_id: 1,
        exported_at: "2024-03-01 01:00:00",
        files: 1,
        rows_read: 3,
        rows_loaded: 3,
        rows_quarantined: 0,
        status: "loaded"
      },
      {
        ingest_id: 2,
        exported_at: "2024-04-01 01:00:00",
        files: 1,
        rows_read: 3,
        rows_loaded: 3,
        rows_quarantined: 0,
        status: "loaded"
      }
    ]);
  });

  it("rejects an export time without an offset", async () => {
    const path = writeFile(tempDir(), "march.csv", MARCH);
    await expect(ingest({paths: [path], warehouse: tempWarehouse(), exportedAt: "2024-03-01 09:00"})).rejects.toThrow(
      expect.objectContaining({
        message:
          'exported-at "2024-03-01 09:00" is not an ISO date, or a date-time with its offset, such as 2024-04-01 or 2024-04-01T08:00:00+08:00',
        exitCode: 2
      })
    );
  });

  it("tries a rejected file again and loads it once it is fixed", async () => {
    const warehouse = tempWarehouse();
    const dir = tempDir();
    const path = writeFile(dir, "opportunities.csv", "");
    const first = await ingest({paths: [path], warehouse});
    expect(first.files.map((f) => f.status)).toEqual(["rejected"]);
    writeFile(dir, "opportunities.csv", MARCH);
    const second = await ingest({paths: [path], warehouse});
    expect(second.files.map((f) => [f.status, f.rowsLoaded])).toEqual([["loaded", 3]]);
    expect(
      await queryWarehouse(warehouse, "SELECT ingest_id, file, status, message FROM ingest_files ORDER BY ingest_id")
    ).toEqual([
      {ingest_id: 1, file: path, status: "rejected", message: "file is empty (0 bytes)"},
      {ingest_id: 2, file: path, status: "loaded", message: null}
    ]);
  });
});

describe("ingest(options) checking references", () => {
  const REPS = `rep_id,name,team
R1,张伟,华东一部
R2,张伟,华南一部
R3,李娜,华东二部
`;
  const OPPORTUNITIES = `opportunity_id,account_id,owner_rep_id,stage,created_at
o1,A1,李娜,potential,2024-01-05
o2,A1,张伟,intent,2024-01-06
o3,A2,R3,won,2024-01-07
o4,,R9,lost,2024-01-08
`;
  const ACCOUNTS = `account_id,name
A1,Acme
`;

  it("resolves an owner name to the one rep with that name and keeps names it cannot resolve", async () => {
    const dir = tempDir();
    writeFile(dir, "reps.csv", REPS);
    writeFile(dir, "accounts.csv", ACCOUNTS);
    writeFile(dir, "opportunities.csv", OPPORTUNITIES);
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [dir], warehouse});
    // 张伟 names two reps: it stays a name; R9 and account A2 were never exported: kept, and counted
    expect(result.references).toEqual([
      {
        table: "opportunities",
        column: "account_id",
        references: "accounts",
        resolvedByName: 0,
        orphans: 1,
        example: "A2"
      },
      {table: "opportunities", column: "owner_rep_id", references: "reps", resolvedByName: 1, orphans: 2, example: "R9"}
    ]);
    expect(
      await queryWarehouse(warehouse, "SELECT opportunity_id, account_id, owner_rep_id FROM opportunities ORDER BY 1")
    ).toEqual([
      {opportunity_id: "o1", account_id: "A1", owner_rep_id: "R3"},
      {opportunity_id: "o2", account_id: "A1", owner_rep_id: "张伟"},
      {opportunity_id: "o3", account_id: "A2", owner_rep_id: "R3"},
      {opportunity_id: "o4", account_id: null, owner_rep_id: "R9"}
    ]);
  });

  it("resolves names against reps loaded by an earlier ingest", async () => {
    const dir = tempDir();
    const warehouse = tempWarehouse();
    await ingest({paths: [writeFile(dir, "reps.csv", REPS)], warehouse});
    const result = await ingest({paths: [writeFile(dir, "opportunities.csv", OPPORTUNITIES)], warehouse});
    expect(result.references.find((r) => r.column === "owner_rep_id")).toEqual({
      table: "opportunities",
      column: "owner_rep_id",
      references: "reps",
      resolvedByName: 1,
      orphans: 2,
      example: "R9"
    });
  });
});
