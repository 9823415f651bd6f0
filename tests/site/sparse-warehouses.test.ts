import {readFileSync} from "node:fs";
import {join} from "node:path";
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {precomputePageData} from "../../site/precompute-page-data.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {tempDir, tempWarehouse} from "../ingest/temp-warehouse.ts";

// Warehouses a real company can have on its first day: a dimension nobody filled in, a team that never won, no
// accounts, no leads, deals without dates or amounts. The site must be built from every one of them.

const STAGES: [string, string][] = [
  ["potential", "open"],
  ["intent", "open"],
  ["negotiation", "open"],
  ["won", "won"],
  ["lost", "lost"]
];

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, {nil: null});
const day = fc
  .integer({min: 0, max: 540})
  .map((n) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

const rep = fc.record({team: maybe(fc.constantFrom("East", "West")), region: maybe(fc.constantFrom("North", "South"))});
const deal = fc.record({
  owner: maybe(fc.nat(3)),
  account: maybe(fc.nat(2)),
  source: maybe(fc.constantFrom("web", "fair")),
  stage: fc.constantFrom(...STAGES.map(([s]) => s)),
  amount: maybe(fc.integer({min: 1, max: 90}).map((n) => n * 100)),
  created: maybe(day),
  closed: maybe(day),
  expected: maybe(day)
});
const warehouseSpec = fc.record({
  reps: fc.array(rep, {maxLength: 4}),
  accounts: fc.nat(3),
  leads: fc.nat(3),
  deals: fc.array(deal, {maxLength: 10})
});
type Spec = typeof warehouseSpec extends fc.Arbitrary<infer T> ? T : never;

const open = {
  owner: 0,
  account: null,
  source: null,
  stage: "intent",
  amount: 500,
  created: "2024-03-01",
  closed: null,
  expected: "2024-08-01"
};
const EXAMPLES: [Spec][] = [
  // nothing at all
  [{reps: [], accounts: 0, leads: 0, deals: []}],
  // deals, but no team, region, channel, account or won deal
  [
    {
      reps: [{team: null, region: null}],
      accounts: 0,
      leads: 0,
      deals: [open, {...open, stage: "lost", closed: "2024-05-01"}]
    }
  ],
  // accounts, but the one team with a win has none of them
  [
    {
      reps: [
        {team: "East", region: null},
        {team: "West", region: "North"}
      ],
      accounts: 2,
      leads: 1,
      deals: [
        {...open, owner: 0, account: 1},
        {...open, owner: 1, stage: "won", closed: "2024-06-01", account: null, source: "fair"}
      ]
    }
  ]
];

const text = (value: string | number | null) =>
  value === null ? "NULL" : typeof value === "number" ? String(value) : `'${value}'`;

async function makeWarehouse(spec: Spec): Promise<string> {
  const path = tempWarehouse();
  const warehouse = await openWarehouse(path);
  const lineage = (i: number) => `1, 'x.csv', ${i + 2}`;
  const statements = [
    `INSERT INTO ingests VALUES (1, '2024-07-01', '2024-07-01', '2024-07-01', 1, 0, 0, 0, 'loaded', NULL, 0)`,
    `INSERT INTO stages VALUES ${STAGES.map(([s, kind], i) => `('${s}', '${kind}', ${i + 1}, NULL)`).join(", ")}`,
    ...spec.reps.map(
      (r, i) =>
        `INSERT INTO reps (rep_id, name, team, region, _ingest_id, _file, _line) VALUES ('R${i}', 'Rep ${i}', ${text(r.team)}, ${text(r.region)}, ${lineage(i)})`
    ),
    ...Array.from(
      {length: spec.accounts},
      (_, i) =>
        `INSERT INTO accounts (account_id, name, _ingest_id, _file, _line) VALUES ('A${i}', 'Account ${i}', ${lineage(i)})`
    ),
    ...Array.from(
      {length: spec.leads},
      (_, i) =>
        `INSERT INTO leads (lead_id, created_at, source, _ingest_id, _file, _line) VALUES ('L${i}', '2024-0${(i % 6) + 1}-10', 'web', ${lineage(i)})`
    ),
    ...spec.deals.map((d, i) => {
      const kind = STAGES.find(([s]) => s === d.stage)![1];
      const closed = kind === "open" ? null : d.closed;
      return `INSERT INTO opportunities (opportunity_id, owner_rep_id, account_id, source, stage, outcome, amount, currency,
          created_at, closed_at, expected_close_at, _ingest_id, _file, _line)
        VALUES ('O${i}', ${text(d.owner === null ? null : `R${d.owner}`)}, ${text(d.account === null ? null : `A${d.account}`)},
          ${text(d.source)}, '${d.stage}', '${kind}', ${text(d.amount)}, 'CNY', ${text(d.created)}, ${text(closed)},
          ${text(d.expected)}, ${lineage(i)})`;
    }),
    `INSERT INTO opportunity_snapshots SELECT 1, '2024-07-01', opportunity_id, stage, outcome, amount, currency,
       expected_close_at FROM opportunities`
  ];
  try {
    for (const statement of statements) await warehouse.connection.run(statement);
  } finally {
    warehouse.close();
  }
  return path;
}

describe("precomputePageData(warehouse) of sparse warehouses", () => {
  it("writes every page's data, whatever dimension, outcome or table is empty", async () => {
    await fc.assert(
      fc.asyncProperty(warehouseSpec, async (spec) => {
        const root = tempDir();
        const files = await precomputePageData(await makeWarehouse(spec), root, 1);
        const data = Object.fromEntries(
          files.map((f) => [f.file, JSON.parse(readFileSync(join(root, f.file), "utf8")) as unknown])
        );
        const tables = (data["data/data-quality.json"] as {tables: {table: string; n_rows: number}[]}).tables;
        expect(tables.find((t) => t.table === "opportunities")?.n_rows ?? 0).toBe(spec.deals.length);
        expect(tables.find((t) => t.table === "reps")?.n_rows ?? 0).toBe(spec.reps.length);
      }),
      // each run builds every page of a site: the named cases, then a few the generator picks
      {numRuns: 6, seed: 20261206, endOnFailure: true, examples: EXAMPLES}
    );
  }, 900_000);
});
