import {mkdirSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {FIXTURES, queryWarehouse, tempDir, tempWarehouse, writeFile} from "../ingest/temp-warehouse.ts";
import {runCli, withoutProgress} from "./run-cli.ts";

const HOSTILE = `${FIXTURES}/hostile/opportunities.csv`;

describe("shangji ingest <paths...>", () => {
  it("exits 3 with one line naming a missing path", async () => {
    const missing = join(tempDir(), "nope.csv");
    const run = await runCli(["ingest", "--warehouse", tempWarehouse(), missing]);
    expect(run).toEqual({status: 3, stdout: "", stderr: `shangji: no such file or folder: ${missing}\n`});
  });

  it("exits 5 when a file was rejected, and says why", async () => {
    const empty = writeFile(tempDir(), "opportunities.csv", "");
    const run = await runCli(["ingest", "--warehouse", tempWarehouse(), "--exported-at", "2024-04-01", empty]);
    expect(run.status).toBe(5);
    expect(run.stdout).toBe("");
    expect(withoutProgress(run.stderr)).toBe(
      [
        "ingest 1 (export of 2024-04-01):",
        `  ${empty}: rejected: file is empty (0 bytes)`,
        "total: 0 rows read = 0 loaded + 0 rejected",
        ""
      ].join("\n")
    );
  });

  it("exits 0 when rows were only rejected or values set aside, and lists the first problems", async () => {
    const run = await runCli(["ingest", "--warehouse", tempWarehouse(), "--exported-at", "2024-04-01", HOSTILE]);
    expect(run.status).toBe(0);
    const stages = "(potential, intent, negotiation, won, lost)";
    expect(withoutProgress(run.stderr)).toBe(
      [
        "ingest 1 (export of 2024-04-01):",
        // 3 rows cannot be placed (a repeated id, two ragged rows); 9 load, 7 of them without a bad value
        `  ${HOSTILE} → opportunities: 12 read, 9 loaded, 3 rejected, 7 values set aside`,
        "total: 12 rows read = 9 loaded + 3 rejected; 7 values of loaded rows set aside",
        "in the quarantine, by rule: ragged_row 2, date_out_of_range 1, duplicate_key 1, invalid_amount 1, invalid_date 1, " +
          "missing_required 1, outcome_conflict 1, time_order 1, unknown_stage 1",
        `  ${HOSTILE}:3 column "stage": "Pending Approval" is not in the stage model ${stages}; map it under "stages" in a mapping file; the row is loaded without it`,
        `  ${HOSTILE}:4 column "amount": "n/a" is not an amount; the row is loaded without it`,
        `  ${HOSTILE}:5 column "opportunity_id": duplicate opportunity_id "o1" (first on line 2)`,
        `  ${HOSTILE}:6 column "created_at": missing created_at; the row is loaded without it`,
        `  ${HOSTILE}:7 column "created_at": "05/01/2024" is ambiguous: day-first or month-first? set "dateOrder" to "dmy" or "mdy" in a mapping file; the row is loaded without it`,
        `  ${HOSTILE}:8 column "created_at": "1899-12-31" is outside 1900–2100; the row is loaded without it`,
        `  ${HOSTILE}:9 column "closed_at": closed_at 2024-01-01 is before created_at 2024-01-05; loaded as exported`,
        `  ${HOSTILE}:10 column "outcome": outcome "lost" contradicts stage "won"; the outcome is taken from the stage`,
        `  ${HOSTILE}:11: row has 3 fields, the header has 7`,
        `  ${HOSTILE}:12: row has 8 fields, the header has 7`,
        'all of them: shangji query "select * from quarantine where ingest_id = 1"',
        ""
      ].join("\n")
    );
  });

  it("exits 5 with --strict when rows were rejected or values set aside", async () => {
    const run = await runCli(["ingest", "--warehouse", tempWarehouse(), "--strict", "--quiet", HOSTILE]);
    expect(run).toEqual({status: 5, stdout: "", stderr: ""});
  });

  it("exits 5 with --strict when a value was set aside, though every row loaded", async () => {
    const path = writeFile(
      tempDir(),
      "opportunities.csv",
      "opportunity_id,stage,amount,created_at\no1,won,待定,2024-01-05\n"
    );
    const strict = await runCli(["ingest", "--warehouse", tempWarehouse(), "--strict", "--quiet", path]);
    const lenient = await runCli(["ingest", "--warehouse", tempWarehouse(), "--quiet", path]);
    expect([strict.status, lenient.status]).toEqual([5, 0]);
  });

  it("says nothing new when the files were loaded before", async () => {
    const warehouse = tempWarehouse();
    await runCli(["ingest", "--warehouse", warehouse, "--quiet", `${FIXTURES}/zh`]);
    const run = await runCli(["ingest", "--warehouse", warehouse, `${FIXTURES}/zh`]);
    expect(run).toEqual({status: 0, stdout: "", stderr: "nothing new: 3 file(s) already loaded\n"});
  });

  it("names what it skipped in a folder, even when nothing is new", async () => {
    const folder = tempDir();
    writeFile(folder, "deals.csv", "opportunity_id,stage,created_at\no1,won,2024-01-05\n");
    mkdirSync(join(folder, "old.csv"));
    const skipped = `warning: skipped ${join(folder, "old.csv")}: a folder (folders inside an exports folder are not read)`;
    const warehouse = tempWarehouse();
    const first = await runCli(["ingest", "--warehouse", warehouse, "--exported-at", "2024-04-01", folder]);
    expect(first.status).toBe(0);
    expect(withoutProgress(first.stderr).split("\n").slice(0, 2)).toEqual([
      "ingest 1 (export of 2024-04-01):",
      skipped
    ]);
    const again = await runCli(["ingest", "--warehouse", warehouse, folder]);
    expect(again).toEqual({status: 0, stdout: "", stderr: `nothing new: 1 file(s) already loaded\n${skipped}\n`});
  });

  it("prints the result as JSON on stdout with --json", async () => {
    const run = await runCli([
      "ingest",
      "--warehouse",
      tempWarehouse(),
      "--json",
      "--quiet",
      `${FIXTURES}/hubspot/deals.csv`
    ]);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect([result.ingestId, result.rowsRead, result.rowsLoaded, result.rowsQuarantined]).toEqual([1, 5, 5, 0]);
  });

  it("exits 2 with the problems of an invalid mapping file", async () => {
    const mapping = writeFile(
      tempDir(),
      "mapping.json",
      JSON.stringify({files: {"deals.csv": {entity: "opportunities", columns: {"Deal No": "deal_id"}}}})
    );
    const run = await runCli(["ingest", "--warehouse", tempWarehouse(), "--mapping", mapping, HOSTILE]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `shangji: mapping file ${mapping} is invalid:\n` +
        `  files["deals.csv"].columns["Deal No"]: unknown column "deal_id" for opportunities (expected one of ` +
        "opportunity_id, account_id, lead_id, name, source, campaign, owner_rep_id, amount, currency, expected_margin, " +
        "stage, probability, created_at, expected_close_at, closed_at, outcome, lost_reason, competitor, forecast_category, product)\n"
    );
  });

  it("exits 2 with one line for a mapping file that is not JSON", async () => {
    const mapping = writeFile(tempDir(), "mapping.json", "{files: }");
    const run = await runCli(["ingest", "--warehouse", tempWarehouse(), "--mapping", mapping, HOSTILE]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^shangji: mapping file ${mapping}: [^\\n]*JSON[^\\n]*\\n$`));
  });

  it("exits 3 with one line for a missing mapping file", async () => {
    const mapping = join(tempDir(), "mapping.json");
    const run = await runCli(["ingest", "--warehouse", tempWarehouse(), "--mapping", mapping, HOSTILE]);
    expect(run).toEqual({status: 3, stdout: "", stderr: `shangji: no such mapping file: ${mapping}\n`});
  });

  it("exits 2 with one line for an export time without an offset", async () => {
    const run = await runCli(["ingest", "--warehouse", tempWarehouse(), "--exported-at", "2024-04-01 08:00", HOSTILE]);
    expect(run).toEqual({
      status: 2,
      stdout: "",
      stderr:
        'shangji: exported-at "2024-04-01 08:00" is not an ISO date, or a date-time with its offset, such as 2024-04-01 or 2024-04-01T08:00:00+08:00\n'
    });
  });

  it("exits 2 for an unknown preset", async () => {
    const run = await runCli(["ingest", "--warehouse", tempWarehouse(), "--preset", "zoho", HOSTILE]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "shangji: option '--preset <name>' argument 'zoho' is invalid. Allowed choices are generic, salesforce, hubspot, pipedrive, zh.\n"
    );
  });

  it("exits 4 with one line when another process holds the warehouse past the lock timeout", async () => {
    const path = tempWarehouse();
    const holder = await openWarehouse(path);
    process.env.SHANGJI_LOCK_TIMEOUT = "1";
    try {
      const run = await runCli(["ingest", "--warehouse", path, HOSTILE]);
      expect(run).toEqual({
        status: 4,
        stdout: "",
        stderr: `shangji: warehouse ${path} is in use by process ${process.pid}; waited 1 s (SHANGJI_LOCK_TIMEOUT)\n`
      });
    } finally {
      delete process.env.SHANGJI_LOCK_TIMEOUT;
      holder.close();
    }
  });

  it("exits 3 with one line when the warehouse file is not a DuckDB database", async () => {
    const path = writeFile(tempDir(), "warehouse.duckdb", "this is not a database\n".repeat(200));
    const run = await runCli(["ingest", "--warehouse", path, HOSTILE]);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(new RegExp(`^shangji: cannot open warehouse ${path}: [^\\n]+\\n$`));
  });

  it("never prints a stack trace for a user error", async () => {
    const dir = tempDir();
    const runs = await Promise.all([
      runCli(["ingest", "--warehouse", tempWarehouse(), join(dir, "nope.csv")]),
      runCli(["ingest", "--warehouse", tempWarehouse(), writeFile(dir, "garbage.csv", Buffer.from([0, 1, 2, 3]))]),
      runCli(["ingest", "--warehouse", tempWarehouse(), "--mapping", writeFile(dir, "m.json", "[]"), HOSTILE]),
      runCli(["ingest", "--warehouse", tempWarehouse(), "--bogus", HOSTILE])
    ]);
    expect(runs.map((run) => run.status)).toEqual([3, 5, 2, 2]);
    for (const run of runs) expect(run.stderr).not.toContain("    at ");
  });

  it("loads what it reports", async () => {
    const warehouse = tempWarehouse();
    await runCli(["ingest", "--warehouse", warehouse, "--quiet", HOSTILE]);
    expect(await queryWarehouse(warehouse, "SELECT count(*)::INTEGER AS n FROM opportunities")).toEqual([{n: 9}]);
  });
});
