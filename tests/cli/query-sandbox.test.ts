import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync} from "node:fs";
import {dirname, join} from "node:path";
import {describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {FIXTURES, REPOSITORY, tempDir, writeFile} from "../ingest/temp-warehouse.ts";
import {runCli} from "./run-cli.ts";

const SECRET = "sandbox-secret-5e1f0c";

interface Place {
  warehouse: string;
  other: string;
  secret: string;
  outside: string;
}

/** The statements of query-sandbox-statements.sql, filled in for `place`. */
function statements(place: Place): {sql: string; runs: boolean}[] {
  const text = readFileSync(new URL("./query-sandbox-statements.sql", import.meta.url), "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith("--"))
    .map((line) => ({
      sql: line.replace(/\{(warehouse|other|secret|outside)\}/g, (_, key: keyof Place) => place[key]),
      runs: line.endsWith("-- runs")
    }));
}

/** Every file under the folders, with its size and content hash: what a statement could have written. */
function snapshot(folders: string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const folder of folders) {
    for (const entry of readdirSync(folder, {recursive: true, withFileTypes: true})) {
      const path = join(entry.parentPath, entry.name);
      files[path] = entry.isFile()
        ? `${statSync(path).size} ${createHash("sha256").update(readFileSync(path)).digest("hex")}`
        : "folder";
    }
  }
  return files;
}

/** Two warehouses of tests/fixtures/zh in folders of their own, and a folder outside both holding a secret. */
async function places(): Promise<Place> {
  const [a, b, outside] = [tempDir(), tempDir(), tempDir()];
  const warehouse = join(a, "warehouse.duckdb");
  const other = join(b, "other.duckdb");
  for (const path of [warehouse, other])
    await ingest({paths: [`${FIXTURES}/zh`], warehouse: path, exportedAt: "2024-04-01"});
  mkdirSync(join(outside, "sub"));
  const secret = writeFile(outside, "secret.csv", `rep_id,name\nR1,${SECRET}\n`);
  return {warehouse, other, secret, outside};
}

async function withConcurrency<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({length: limit}, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    })
  );
}

describe("the sandbox of read-only SQL", () => {
  it(
    "shangji query refuses every listed statement and nothing outside the warehouse is read or written",
    async () => {
      const place = await places();
      const watched = [dirname(place.warehouse), dirname(place.other), place.outside];
      const before = snapshot(watched);
      const list = statements(place);
      expect(list.length).toBeGreaterThan(40);
      const outcomes: string[] = [];
      await withConcurrency(list, 3, async ({sql, runs}) => {
        const run = await runCli(["query", "--warehouse", place.warehouse, sql, "--format", "csv"]);
        const refused = run.status !== 0 && run.stdout === "" && run.stderr.startsWith("shangji: ");
        if (runs ? run.status !== 0 && !refused : !refused)
          outcomes.push(`not refused: ${sql}: ${run.status} ${run.stderr}`);
        if ((run.stdout + run.stderr).includes(SECRET)) outcomes.push(`read the secret: ${sql}`);
      });
      expect(outcomes).toEqual([]);
      expect(snapshot(watched)).toEqual(before);
      expect(existsSync(join(REPOSITORY, "sandbox-written.csv"))).toBe(false);
      const count = await runCli([
        "query",
        "--warehouse",
        place.warehouse,
        "select count(*) from opportunities",
        "--format",
        "csv"
      ]);
      expect(count.stdout).toBe("count_star()\n5\n");
    },
    10 * 60_000
  );

  it(
    "refuses the same statements on every connection of a read-only open, as page data loaders use",
    async () => {
      const place = await places();
      const watched = [dirname(place.warehouse), dirname(place.other), place.outside];
      const before = snapshot(watched);
      const outcomes: string[] = [];
      for (const {sql, runs} of statements(place)) {
        // a warehouse per statement: a statement that breaks its instance must not hide the next one's outcome
        const warehouse = await openWarehouse(place.warehouse, {readOnly: true});
        try {
          for (const connection of [warehouse.connection, await warehouse.connect()]) {
            const result = await connection.runAndReadAll(sql).then(
              (reader) => JSON.stringify(reader.getRowsJson()),
              (error: Error) => error
            );
            if (!runs && !(result instanceof Error)) outcomes.push(`not refused: ${sql}`);
            if (String(result instanceof Error ? result.message : result).includes(SECRET)) {
              outcomes.push(`read the secret: ${sql}`);
            }
          }
        } finally {
          warehouse.close();
        }
      }
      expect(outcomes).toEqual([]);
      expect(snapshot(watched)).toEqual(before);
    },
    5 * 60_000
  );

  it("refuses two statements in one query", async () => {
    const place = await places();
    const run = await runCli(["query", "--warehouse", place.warehouse, "select 1; select 2"]);
    expect(run).toEqual({
      status: 2,
      stdout: "",
      stderr: "shangji: query holds 2 statements; shangji query runs one at a time\n"
    });
  });
});
