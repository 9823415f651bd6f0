import {execFileSync, spawn} from "node:child_process";
import {cpSync, existsSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {REPOSITORY, tempDir, writeFile} from "../ingest/temp-warehouse.ts";
import {compareWarehouses} from "./compare-warehouses.ts";
import {runCli} from "./run-cli.ts";

interface Run {
  status: number | null;
  stderr: string;
}

/** Runs scripts/history-branch.sh as the nightly job does, against a project and a remote in temp folders. */
function history(action: string, folder: string, remote: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(REPOSITORY, "scripts", "history-branch.sh"), [action], {
      cwd: REPOSITORY,
      env: {
        ...process.env,
        SHANGJI_CONFIG: join(folder, "shangji.config.json"),
        SHANGJI_WAREHOUSE: undefined,
        SHANGJI_HISTORY_REMOTE: remote,
        SHANGJI_HISTORY_BRANCH: undefined
      }
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({status, stderr}));
  });
}

const git = (...args: string[]) => execFileSync("git", args, {encoding: "utf8"}).trim();

async function ingest(folder: string, exportedAt: string, rows: string[]) {
  const file = writeFile(
    folder,
    `opportunities-${exportedAt}.csv`,
    ["opportunity_id,name,stage,amount,created_at", ...rows].join("\n") + "\n"
  );
  const warehouse = join(folder, "warehouse.duckdb");
  const run = await runCli(["ingest", "--warehouse", warehouse, "--exported-at", exportedAt, "--quiet", file]);
  expect(run.status, run.stderr).toBe(0);
}

/** The warehouse and its archive, as the Actions cache keeps them. */
function cache(folder: string, to: string) {
  for (const name of ["warehouse.duckdb", "warehouse.archive"])
    cpSync(join(folder, name), join(to, name), {recursive: true});
}

describe("scripts/history-branch.sh pull|push", () => {
  it("keeps the history on a branch of the remote and restores it when the cache is cold or older", async () => {
    const folder = tempDir();
    const remote = join(tempDir(), "remote.git");
    git("init", "--quiet", "--bare", remote);
    const url = `file://${remote}`;
    writeFileSync(join(folder, "shangji.config.json"), JSON.stringify({warehouse: "warehouse.duckdb"}));
    const warehouse = join(folder, "warehouse.duckdb");

    const first = await history("pull", folder, url);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain("no branch shangji-data yet");
    expect(existsSync(warehouse)).toBe(false);

    await ingest(folder, "2024-04-01", ["O1,Deal 1,potential,1000,2024-03-01", "O2,Deal 2,intent,2000,2024-03-02"]);
    await ingest(folder, "2024-05-01", ["O1,Deal 1,won,1000,2024-03-01", "O3,Deal 3,potential,500,2024-04-20"]);
    expect((await history("push", folder, url)).status).toBe(0);
    expect(git("--git-dir", remote, "rev-list", "--count", "shangji-data")).toBe("1");
    // an orphan branch: the archive and nothing of the project
    const tree = git("--git-dir", remote, "ls-tree", "--name-only", "shangji-data").split("\n");
    expect(tree).toEqual(expect.arrayContaining(["README.md", "manifest.json", "opportunity_snapshots"]));
    expect(tree).not.toContain("package.json");
    // pushed again unchanged: no new commit
    expect((await history("push", folder, url)).status).toBe(0);
    expect(git("--git-dir", remote, "rev-list", "--count", "shangji-data")).toBe("1");

    // a cold cache: no warehouse, no archive
    const older = tempDir();
    cache(folder, older);
    const original = join(tempDir(), "original.duckdb");
    cpSync(warehouse, original);
    rmSync(warehouse);
    rmSync(join(folder, "warehouse.archive"), {recursive: true});
    const cold = await history("pull", folder, url);
    expect(cold.status, cold.stderr).toBe(0);
    const restored = await compareWarehouses(original, warehouse);
    expect(restored.tables.b).toEqual(restored.tables.a);
    for (const [table, rows] of Object.entries(restored.rows))
      expect(rows, table).toEqual({a: rows.a, b: rows.a, onlyA: 0, onlyB: 0});
    expect(restored.rows.opportunity_snapshots.a).toBe(4);

    // a warm cache that is the branch's: left as it is
    const before = readFileSync(warehouse);
    const warm = await history("pull", folder, url);
    expect(warm.stderr).toContain("is the one on branch shangji-data");
    expect(readFileSync(warehouse).equals(before)).toBe(true);

    // a cache older than the branch (saved before the last push): the branch wins
    await ingest(folder, "2024-06-01", ["O3,Deal 3,intent,600,2024-04-20"]);
    expect((await history("push", folder, url)).status).toBe(0);
    expect(git("--git-dir", remote, "rev-list", "--count", "shangji-data")).toBe("2");
    const latest = join(tempDir(), "latest.duckdb");
    cpSync(warehouse, latest);
    cache(older, folder);
    const stale = await history("pull", folder, url);
    expect(stale.status, stale.stderr).toBe(0);
    expect(stale.stderr).toContain("is not the one on branch shangji-data: restoring the branch's");
    const now = await compareWarehouses(latest, warehouse);
    for (const [table, rows] of Object.entries(now.rows))
      expect(rows, table).toEqual({a: rows.a, b: rows.a, onlyA: 0, onlyB: 0});
    expect(now.rows.ingests.a).toBe(3);
  }, 300_000);
});

describe("scripts/nightly-rebuild.sh with SHANGJI_HISTORY_REMOTE", () => {
  it("rebuilds nothing when the history cannot be read", async () => {
    const folder = tempDir();
    writeFileSync(join(folder, "shangji.config.json"), JSON.stringify({warehouse: "warehouse.duckdb", out: "site"}));
    const run = await new Promise<Run>((resolve, reject) => {
      const child = spawn(join(REPOSITORY, "scripts", "nightly-rebuild.sh"), [], {
        cwd: REPOSITORY,
        env: {
          ...process.env,
          SHANGJI_CONFIG: join(folder, "shangji.config.json"),
          SHANGJI_WAREHOUSE: undefined,
          SHANGJI_HISTORY_REMOTE: `file://${join(folder, "no-such-remote.git")}`,
          GITHUB_OUTPUT: join(folder, "output.txt")
        }
      });
      let stderr = "";
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("error", reject);
      child.on("close", (status) => resolve({status, stderr}));
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("shangji: cannot read the history branch shangji-data of the remote");
    expect(run.stderr).toContain("shangji: restoring the warehouse's history failed; nothing was rebuilt");
    expect(existsSync(join(folder, "warehouse.duckdb"))).toBe(false);
    expect(existsSync(join(folder, "site"))).toBe(false);
  }, 120_000);
});

describe(".github/workflows/nightly.yml", () => {
  const workflow = readFileSync(join(REPOSITORY, ".github", "workflows", "nightly.yml"), "utf8");

  it("may push the history branch, to the repository itself only when it is private", () => {
    expect(workflow).toMatch(/ {2}rebuild:\n(?: {4}.*\n)*? {4}permissions:\n(?: +#.*\n)? {6}contents: write\n/);
    expect(workflow).toContain(`private=$(gh api "repos/\${{ github.repository }}" --jq .private || echo unknown)`);
    expect(workflow).toContain(
      "SHANGJI_HISTORY_REMOTE: ${{ secrets.SHANGJI_HISTORY_REMOTE || (steps.history.outputs.private == 'true' && " +
        "format('https://x-access-token:{0}@github.com/{1}.git', github.token, github.repository)) || '' }}"
    );
  });

  it("caches the archive beside the warehouse, leaving the warehouse's cache where earlier runs saved it", () => {
    expect(workflow).toMatch(/path: data\/warehouse\.duckdb\n\s+key: warehouse-\$\{\{ github\.run_id \}\}\n/);
    expect(workflow).toMatch(/path: data\/warehouse\.archive\n\s+key: warehouse-archive-/);
  });
});
