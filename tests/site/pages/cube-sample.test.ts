import {listValue, type DuckDBConnection, type DuckDBValue} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {Random} from "../../../pipelines/stats/random.ts";
import {cubeData, cubeKeys, type CubeData} from "../../../site/pages/cube-data.ts";
import {CUBE_REP_SHARDS, cubeRepFiles} from "../../../site/pages/cube-rep-files.ts";
import {CUBE_MEASURES} from "../../../site/pages/cube-sql.ts";
import {readSitePeriods} from "../../../site/site-now.ts";
import {readRows} from "../../../warehouse/read-rows.ts";
import {cubeNeedsReps, cubeSums} from "../../../src/components/cube.js";
import {cubeLoader, cubeValues} from "../../../src/components/cube-filter.js";
import {sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

const DRAWS = 200;
const DIMENSIONS = ["team", "region", "channel", "product", "rep"] as const;
const GROUPS = [...DIMENSIONS, "month", "quarter", "year"] as const;

type Dimension = (typeof DIMENSIONS)[number];
type Filter = {start?: string; end?: string} & Partial<Record<Dimension, string[]>>;
type Sums = Record<string, number | string | null>;

/** A group's key in SQL, with `at` the date the measure counts by. */
function groupSql(group: (typeof GROUPS)[number], at: string): string {
  if (group === "month") return `strftime(${at}, '%Y-%m')`;
  if (group === "quarter") return `strftime(${at}, '%Y') || '-Q' || quarter(${at})`;
  if (group === "year") return `strftime(${at}, '%Y')`;
  return group;
}

/**
 * The figures of a filter from the opportunities themselves, written apart from the cube's SQL: creations
 * by created_at, wins and losses by closed_at, amounts in the reporting currency (converted at ingest unless
 * already in it), cycles of won deals closed after their creation. One entry per group, keyed as groupKey.
 */
async function warehouseSums(
  connection: DuckDBConnection,
  filter: Filter,
  groupBy: (typeof GROUPS)[number][]
): Promise<Map<string, Sums>> {
  const params: Record<string, DuckDBValue> = {start: filter.start ?? null, end: filter.end ?? null};
  for (const dimension of DIMENSIONS) params[dimension] = filter[dimension] ? listValue(filter[dimension]) : null;
  const deals = `
    SELECT o.outcome, o.created_at, o.closed_at, r.team, r.region, o.source AS channel, o.product,
      o.owner_rep_id AS rep,
      (CASE WHEN o.currency <> rc.currency THEN o.amount_reporting ELSE o.amount END)::DOUBLE AS amount
    FROM opportunities o
    LEFT JOIN reps r ON r.rep_id = o.owner_rep_id
    CROSS JOIN (SELECT max(currency) AS currency FROM reporting_currency) rc
    WHERE ${DIMENSIONS.map((d) => `($${d}::VARCHAR[] IS NULL OR list_contains($${d}::VARCHAR[], ${d === "channel" ? "o.source" : d === "rep" ? "o.owner_rep_id" : d === "product" ? "o.product" : `r.${d}`}))`).join(" AND ")}`;
  // without a period, every opportunity with the date: one created at no known time was created in no period
  const during = (at: string) =>
    `${at} IS NOT NULL AND ($start::TIMESTAMP IS NULL OR ${at} >= $start::TIMESTAMP) AND ($end::TIMESTAMP IS NULL OR ${at} < $end::TIMESTAMP)`;
  const keys = (at: string) => groupBy.map((g) => `${groupSql(g, at)} AS ${g}, `).join("");
  const created = await readRows<Sums>(
    connection,
    `SELECT ${keys("created_at")}
       count(*)::INTEGER AS count_opportunities,
       coalesce(sum(amount), 0) AS amount,
       count(*) FILTER (WHERE outcome = 'open')::INTEGER AS count_open,
       coalesce(sum(amount) FILTER (WHERE outcome = 'open'), 0) AS open_amount
     FROM (${deals}) WHERE ${during("created_at")} GROUP BY ALL`,
    params
  );
  const closed = await readRows<Sums>(
    connection,
    `SELECT ${keys("closed_at")}
       count(*) FILTER (WHERE outcome = 'won')::INTEGER AS count_won,
       count(*) FILTER (WHERE outcome = 'lost')::INTEGER AS count_lost,
       coalesce(sum(amount) FILTER (WHERE outcome = 'won'), 0) AS won_amount,
       count(*) FILTER (WHERE outcome = 'won' AND amount IS NULL)::INTEGER AS count_won_without_amount,
       coalesce(sum(date_diff('second', created_at, closed_at) / 86400)
         FILTER (WHERE outcome = 'won' AND closed_at >= created_at), 0) AS sum_cycle_days,
       count(*) FILTER (WHERE outcome = 'won' AND (closed_at >= created_at) IS NOT TRUE)::INTEGER
         AS count_won_without_cycle,
       avg(amount) FILTER (WHERE outcome = 'won') AS avg_won_amount,
       avg(date_diff('second', created_at, closed_at) / 86400)
         FILTER (WHERE outcome = 'won' AND closed_at >= created_at) AS avg_cycle_days
     FROM (${deals}) WHERE outcome IN ('won', 'lost') AND ${during("closed_at")} GROUP BY ALL`,
    params
  );
  const sums = new Map<string, Sums>();
  for (const row of [...created, ...closed]) {
    const key = groupKey(row, groupBy);
    sums.set(key, {...sums.get(key), ...row});
  }
  return sums;
}

function groupKey(row: Sums, groupBy: readonly string[]): string {
  return JSON.stringify(groupBy.map((g) => row[g]));
}

/** A random filter: a site period, a span of months or none, and a few values (now and then unknown) of some dimensions. */
function drawFilter(
  random: Random,
  periods: {start: string; end: string}[],
  months: string[],
  values: Record<Dimension, string[]>
): Filter {
  const filter: Filter = {};
  const period = random.next();
  if (period < 0.4) Object.assign(filter, random.pick(periods));
  else if (period < 0.8) {
    const [a, b] = [random.int(0, months.length - 1), random.int(0, months.length - 1)].sort((x, y) => x - y);
    Object.assign(filter, {start: months[a], end: months[b]});
  }
  for (const dimension of DIMENSIONS) {
    if (!random.chance(0.4)) continue;
    const chosen = random.shuffle([...values[dimension]]).slice(0, random.int(1, 3));
    filter[dimension] = random.chance(0.1) ? [...chosen, "no such value"] : chosen;
  }
  return filter;
}

function drawGroups(random: Random): (typeof GROUPS)[number][] {
  if (random.chance(0.5)) return [];
  const [first, second] = random.shuffle([...GROUPS]);
  return random.chance(0.5) ? [first] : [first, second];
}

/** A group's figures against SQL's: amounts to the cent, cycles to the 0.01 day each cell keeps. */
function expectFigures(row: Sums, want: Sums, context: string): void {
  const wonCount = Number(want.count_won ?? 0);
  for (const measure of CUBE_MEASURES) {
    // a file of some measures only (the cube by rep per period) answers those
    if (!(measure in row)) continue;
    const [got, sql] = [row[measure] as number, Number(want[measure] ?? 0)];
    // a cell's cycle days are kept to 0.01 day, and each cell with a cycle has a won deal
    if (measure === "sum_cycle_days")
      expect(Math.abs(got - sql), `${context} ${measure}`).toBeLessThanOrEqual(0.005 * wonCount + 1e-9);
    else expect(got, `${context} ${measure}`).toBeCloseTo(sql, 2);
  }
  const closed = wonCount + Number(want.count_lost ?? 0);
  if ("win_rate" in row) expect(row.win_rate, context).toBe(closed ? wonCount / closed : null);
  if ("avg_won_amount" in row) {
    if (want.avg_won_amount == null) expect(row.avg_won_amount, context).toBeNull();
    else expect(row.avg_won_amount, context).toBeCloseTo(Number(want.avg_won_amount), 6);
  }
  if ("avg_cycle_days" in row) {
    if (want.avg_cycle_days == null) expect(row.avg_cycle_days, context).toBeNull();
    else expect(Math.abs(Number(row.avg_cycle_days) - Number(want.avg_cycle_days)), context).toBeLessThanOrEqual(0.005);
  }
}

describe("cubeSums(cubeData(connection, owners), filter, groupBy) on the sample", () => {
  let sample: Awaited<ReturnType<typeof sampleWarehouse>>;
  let byTeam: unknown;
  let byRep: unknown;
  let files: Record<string, unknown>;
  let sitePeriodList: Awaited<ReturnType<typeof readSitePeriods>>;
  /** cubeLoader over the files of the cube by rep as the build writes them, noting the files it reads */
  const loader = () => {
    const read: string[] = [];
    const handle = (name: string) => ({name, size: JSON.stringify(files[name]).length});
    const periodFiles = Object.fromEntries(
      sitePeriodList.map((p) => [
        p.id,
        Object.fromEntries(
          ["created", "open", "closed"].map((g) => [g, handle(`data/cube-reps-period/${p.id}-${g}.json`)])
        )
      ])
    );
    const shardFiles = Array.from({length: CUBE_REP_SHARDS}, (_, i) =>
      handle(`data/cube-reps/${String(i).padStart(2, "0")}.json`)
    );
    const cubeFor = cubeLoader(cubeKeys(byTeam as CubeData), {
      byTeam: handle("data/cube.json"),
      shards: shardFiles,
      periods: periodFiles,
      sitePeriods: sitePeriodList,
      read: (file: {name: string}) => {
        read.push(file.name);
        if (!(file.name in files)) throw new Error(`no file ${file.name}`);
        return Promise.resolve(files[file.name]);
      },
      budget: Infinity
    });
    return {cubeFor, read};
  };
  let periods: {start: string; end: string}[];
  let months: string[];
  let values: Record<Dimension, string[]>;

  beforeAll(async () => {
    sample = await sampleWarehouse();
    // as a page reads them: the files' JSON
    byTeam = JSON.parse(JSON.stringify(await cubeData(sample.connection)));
    byRep = JSON.parse(JSON.stringify(await cubeData(sample.connection, "rep")));
    files = JSON.parse(JSON.stringify(await cubeRepFiles(sample.connection)));
    files["data/cube.json"] = byTeam;
    sitePeriodList = await readSitePeriods(sample.connection);
    periods = sitePeriodList.flatMap((p) => [
      p,
      ...(p.previous ? [p.previous] : []),
      ...(p.lastYear ? [p.lastYear] : [])
    ]);
    const bounds = await readRows<{month: string}>(
      sample.connection,
      `SELECT strftime(m, '%Y-%m-%d') AS month FROM range(DATE '2023-06-01', DATE '2027-07-01', INTERVAL 1 MONTH) t(m)`
    );
    months = bounds.map((row) => row.month);
    const rows = await readRows<{dimension: Dimension; value: string}>(
      sample.connection,
      `SELECT DISTINCT 'team' AS dimension, team AS value FROM reps WHERE team IS NOT NULL
       UNION SELECT DISTINCT 'region', region FROM reps WHERE region IS NOT NULL
       UNION SELECT DISTINCT 'channel', source FROM opportunities WHERE source IS NOT NULL
       UNION SELECT DISTINCT 'product', product FROM opportunities WHERE product IS NOT NULL
       UNION SELECT DISTINCT 'rep', owner_rep_id FROM opportunities WHERE owner_rep_id IS NOT NULL
       ORDER BY ALL`
    );
    values = {team: [], region: [], channel: [], product: [], rep: []};
    for (const row of rows) values[row.dimension].push(row.value);
  }, 180_000);
  afterAll(() => sample?.close());

  it("offers from data/cube-keys.json alone every value the warehouse has of each dimension", () => {
    const keys = JSON.parse(JSON.stringify(cubeKeys(byTeam as CubeData)));
    expect(keys).not.toHaveProperty("cells");
    expect(cubeValues(keys)).toEqual(values);
  });

  it(`equals SQL over the opportunities for ${DRAWS} random filters and groupings, empty ones included, in both cubes and the files of the one by rep`, async () => {
    const random = new Random(20261206);
    const {cubeFor} = loader();
    let empty = 0;
    let reps = 0;
    for (let draw = 0; draw < DRAWS; draw++) {
      const filter = drawFilter(random, periods, months, values);
      const groupBy = drawGroups(random);
      const context = `draw ${draw}: ${JSON.stringify(filter)} by ${groupBy.join(", ") || "nothing"}`;
      const expected = await warehouseSums(sample.connection, filter, groupBy);
      const needsReps = Boolean(filter.rep?.length) || groupBy.includes("rep");
      expect(cubeNeedsReps(filter, groupBy), context).toBe(needsReps);
      if (needsReps) {
        expect(() => cubeSums(byTeam, filter, groupBy), context).toThrow("the cube by rep");
        reps++;
      }
      const fromFiles = needsReps ? await cubeFor(filter, groupBy) : null;
      for (const [name, cube] of needsReps
        ? [
            ["by rep", byRep],
            ["by rep, its files", fromFiles]
          ]
        : [
            ["by team", byTeam],
            ["by rep", byRep]
          ]) {
        const rows = cubeSums(cube, filter, groupBy) as Sums[];
        const where = `${context} (${name})`;
        expect(rows.map((row) => groupKey(row, groupBy)).sort(), where).toEqual([...expected.keys()].sort());
        for (const row of rows) expectFigures(row, expected.get(groupKey(row, groupBy))!, where);
        if (
          groupBy.length === 0 &&
          rows[0].count_opportunities === 0 &&
          rows[0].count_won === 0 &&
          rows[0].count_lost === 0
        ) {
          empty++;
          for (const measure of CUBE_MEASURES) expect(rows[0][measure], where).toBe(0);
        }
      }
    }
    // the draws reach filters that keep nothing (a rep outside the team chosen, a span after the last export)
    expect(empty).toBeGreaterThanOrEqual(10);
    expect(reps).toBeGreaterThanOrEqual(40);
    expect(DRAWS - reps).toBeGreaterThanOrEqual(40);
  });

  it("groups by rep over a site period from the period's files, equal to SQL for 60 random filters and figures", async () => {
    const random = new Random(20261207);
    const {cubeFor, read} = loader();
    const figures = [
      "count_opportunities",
      "amount",
      "count_open",
      "won_amount",
      "win_rate",
      "avg_won_amount",
      "avg_cycle_days"
    ];
    for (let draw = 0; draw < 60; draw++) {
      const period = random.pick(sitePeriodList);
      const filter: Filter = {...drawFilter(random, [], [], values), start: period.start, end: period.end};
      const groupBy: (typeof GROUPS)[number][] = random.chance(0.5)
        ? ["rep"]
        : random.shuffle(["rep", random.pick(["team", "channel", "product"] as const)]);
      const asked = random.shuffle([...figures]).slice(0, random.int(1, 3));
      const context = `draw ${draw}: ${JSON.stringify(filter)} by ${groupBy.join(", ")} for ${asked.join(", ")}`;
      const before = read.length;
      const cube = await cubeFor(filter, [...groupBy], asked);
      expect(
        read.slice(before).every((name) => name.startsWith(`data/cube-reps-period/${period.id}-`)),
        context
      ).toBe(true);
      const rows = cubeSums(cube, filter, [...groupBy]) as Sums[];
      for (const figure of asked) for (const row of rows) expect(figure in row, `${context} ${figure}`).toBe(true);
      const expected = await warehouseSums(sample.connection, filter, [...groupBy]);
      expect(rows.map((row) => groupKey(row, groupBy)).sort(), context).toEqual([...expected.keys()].sort());
      for (const row of rows) expectFigures(row, expected.get(groupKey(row, groupBy))!, context);
    }
  });

  it("loads for a rep the one shard that holds every cell of that rep: its position among the owners, modulo the shards", async () => {
    const owners = await readRows<{rep: string | null}>(
      sample.connection,
      `SELECT DISTINCT owner_rep_id AS rep FROM opportunities ORDER BY 1 NULLS LAST`
    );
    const shardNames = Object.keys(files).filter((name) => name.startsWith("data/cube-reps/"));
    expect(shardNames).toHaveLength(CUBE_REP_SHARDS);
    for (const [position, {rep}] of owners.entries()) {
      if (rep === null) continue;
      const {cubeFor, read} = loader();
      const cube = await cubeFor({rep: [rep]});
      const shard = `data/cube-reps/${String(position % CUBE_REP_SHARDS).padStart(2, "0")}.json`;
      expect(read, rep).toEqual([shard]);
      const [all] = cubeSums(cube, {rep: [rep]}) as Sums[];
      expectFigures(all, (await warehouseSums(sample.connection, {rep: [rep]}, [])).get("[]")!, rep);
      expect(Number(all.count_opportunities) + Number(all.count_won) + Number(all.count_lost), rep).toBeGreaterThan(0);
      for (const other of shardNames.filter((name) => name !== shard)) {
        const [none] = cubeSums(files[other], {rep: [rep]}) as Sums[];
        expect([none.count_opportunities, none.count_won, none.count_lost], `${rep} in ${other}`).toEqual([0, 0, 0]);
      }
    }
  });
});
