import {describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {join} from "node:path";
import {FIXTURES, tempDir, tempWarehouse} from "../ingest/temp-warehouse.ts";
import {runCli} from "./run-cli.ts";

/** A new warehouse holding tests/fixtures/zh: 3 reps, 4 accounts, 5 opportunities. */
async function zhWarehouse(): Promise<string> {
  const warehouse = tempWarehouse();
  await ingest({paths: [`${FIXTURES}/zh`], warehouse, exportedAt: "2024-04-01"});
  return warehouse;
}

const COUNT = "select count(*) from opportunities";

describe("shangji query <sql>", () => {
  it("prints a table by default", async () => {
    expect(await runCli(["query", "--warehouse", await zhWarehouse(), COUNT])).toEqual({
      status: 0,
      stdout: "count_star()\n------------\n           5\n(1 row)\n",
      stderr: ""
    });
  });

  it("prints CSV", async () => {
    expect(await runCli(["query", "--warehouse", await zhWarehouse(), COUNT, "--format", "csv"])).toEqual({
      status: 0,
      stdout: "count_star()\n5\n",
      stderr: ""
    });
  });

  it("prints JSON with numbers as numbers", async () => {
    expect(await runCli(["query", "--warehouse", await zhWarehouse(), COUNT, "--format", "json"])).toEqual({
      status: 0,
      stdout: '[\n  {\n    "count_star()": 5\n  }\n]\n',
      stderr: ""
    });
  });

  it("prints JSON objects, one per row", async () => {
    const warehouse = await zhWarehouse();
    const run = await runCli([
      "query",
      "--warehouse",
      warehouse,
      "select rep_id, name, hired_at from reps order by rep_id limit 2",
      "--format",
      "json"
    ]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      {rep_id: "E01", name: "张伟", hired_at: "2019-03-01"},
      {rep_id: "E02", name: "李娜", hired_at: "2021-07-15"}
    ]);
  });

  it("aligns Chinese text by display width", async () => {
    const run = await runCli(["query", "--warehouse", await zhWarehouse(), "select rep_id, name from reps order by 1"]);
    expect(run.stdout).toBe(
      ["rep_id  name", "------  ----", "E01     张伟", "E02     李娜", "E03     王芳", "(3 rows)", ""].join("\n")
    );
  });

  it("is read-only: an INSERT fails with a clear message", async () => {
    const warehouse = await zhWarehouse();
    const run = await runCli([
      "query",
      "--warehouse",
      warehouse,
      "insert into reps (rep_id, _ingest_id, _file, _line) values ('R9', 1, 'x', 1)"
    ]);
    expect(run).toEqual({
      status: 1,
      stdout: "",
      stderr:
        'shangji: query failed (shangji query is read-only): Invalid Input Error: Cannot execute statement of type "INSERT" on database "warehouse" which is attached in read-only mode!\n'
    });
    const count = await runCli(["query", "--warehouse", warehouse, "select count(*) from reps", "--format", "csv"]);
    expect(count.stdout).toBe("count_star()\n3\n");
  });

  it("reports a syntax error in one line", async () => {
    const run = await runCli(["query", "--warehouse", await zhWarehouse(), "selec 1"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^shangji: query failed: Parser Error: syntax error at or near "selec"\n$/);
  });

  it("exits 3 when there is no warehouse yet", async () => {
    const missing = join(tempDir(), "warehouse.duckdb");
    expect(await runCli(["query", "--warehouse", missing, COUNT])).toEqual({
      status: 3,
      stdout: "",
      stderr: `shangji: no warehouse at ${missing}; run \`shangji ingest <exports>\` first\n`
    });
  });

  it("prints DECIMAL and 64-bit values digit for digit in every format", async () => {
    const warehouse = await zhWarehouse();
    const sql =
      "select 9999999999999999.99::DECIMAL(18,2) as amount, -0.05::DECIMAL(18,2) as fee, 9007199254740993::BIGINT as n";
    const run = (format: string) => runCli(["query", "--warehouse", warehouse, sql, "--format", format]);
    expect((await run("csv")).stdout).toBe("amount,fee,n\n9999999999999999.99,-0.05,9007199254740993\n");
    expect((await run("json")).stdout).toBe(
      '[\n  {\n    "amount": 9999999999999999.99,\n    "fee": -0.05,\n    "n": 9007199254740993\n  }\n]\n'
    );
    expect((await run("table")).stdout).toBe(
      [
        "             amount    fee                 n",
        "-------------------  -----  ----------------",
        "9999999999999999.99  -0.05  9007199254740993",
        "(1 row)",
        ""
      ].join("\n")
    );
  });

  it("starts a usage error with shangji: and exits 2", async () => {
    expect(await runCli(["query", "--warehouse", tempWarehouse(), "--limit", "3", COUNT])).toEqual({
      status: 2,
      stdout: "",
      stderr: "shangji: unknown option '--limit'\n"
    });
  });
});
