import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {budgetAllocation} from "../../../pipelines/allocation/budget-allocation.ts";
import {suggestedReassignments} from "../../../pipelines/allocation/suggested-reassignments.ts";
import {discovery} from "../../../pipelines/discovery.ts";
import {scoring, type ScoringResults} from "../../../pipelines/scoring.ts";
import {historyUntil} from "../../../site/pages/forecast-data.ts";
import {
  DISCOVERY_ROWS,
  MOVE_ROWS,
  opportunitiesData,
  PRIORITY_ROWS,
  type OpportunitiesData
} from "../../../site/pages/opportunities-data.ts";
import {sitePeriods} from "../../../site/site-periods.ts";
import {withoutHiddenNames} from "../../../site/hidden-names.ts";
import {readRows} from "../../../warehouse/read-rows.ts";
import {tableRows} from "../../../src/components/compact-table.js";
import {emptyWarehouse, sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

/** the month of the sample's first record (an opportunity or lead created): where "all time" starts */
const FIRST_DAY = "2023-11-01";

const NOW = "2026-11-20T00:00:00Z";

let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
let data: OpportunitiesData;
let scored: ScoringResults;
let teamOf: Map<string, string | null>;

beforeAll(async () => {
  warehouse = await sampleWarehouse();
  data = await opportunitiesData(warehouse.connection);
  scored = await scoring(warehouse.context(historyUntil(NOW)));
  const teams = await readRows<{opportunity_id: string; team: string | null}>(
    warehouse.connection,
    `SELECT o.opportunity_id, r.team FROM opportunities o LEFT JOIN reps r ON r.rep_id = o.owner_rep_id`
  );
  teamOf = new Map(teams.map((row) => [row.opportunity_id, row.team]));
});
afterAll(() => warehouse.close());

describe("opportunitiesData(connection)", () => {
  it("writes one slice per filter choice and one budget per period", () => {
    expect(Object.keys(data.slices).every((key) => key.startsWith("*|"))).toBe(true);
    expect(Object.keys(data.budget.slices)).toEqual(["qtd|*", "lq|*", "ytd|*", "ly|*", "l12m|*", "all|*"]);
  });

  it("shows the accuracy of the one scorer trained on every closed deal up to now", () => {
    expect(data.model.method).toBe("logistic_regression");
    expect(data.model.evaluation.map((row) => [row.method, row.auc])).toEqual(
      scored.evaluation.rows.map((row) => [row.method, Number(row.auc!.toPrecision(4))])
    );
    // 1 369 closed deals scored: ⌊1 369 × 0.6⌋ = 821 train, the next 274 validate, the newest 274 test
    expect(data.model.evaluation[0]).toMatchObject({
      split_kind: "time_ordered",
      n_train_opportunities: 821,
      n_validation_opportunities: 274,
      n_test_opportunities: 274
    });
  });

  it("lists the open leads likeliest to convert, with how the lead scores were tested", () => {
    const used = data.leads.evaluation.find((row) => row.is_used)!;
    expect(used.split_kind).toBe("time_ordered");
    expect(used.auc_lower!).toBeLessThan(used.auc!);
    expect(data.leads.leads.length).toBe(Math.min(20, data.leads.count_open));
    const probabilities = data.leads.leads.map((lead) => lead.conversion_probability);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    expect(data.leads.leads.every((lead) => lead.reasons.length > 0)).toBe(true);
  });

  it("shows the used method's reliability on the test deals before and after recalibration", () => {
    const before = data.model.calibration.filter((row) => !row.is_calibrated);
    const after = data.model.calibration.filter((row) => row.is_calibrated);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    // every test deal falls in one bin of each
    const count = (rows: typeof before) => rows.reduce((sum, row) => sum + row.count, 0);
    const used = scored.evaluation.rows.find((row) => row.is_used)!;
    expect([count(before), count(after)]).toEqual([used.n_test_rows, used.n_test_rows]);
  });

  it("lists all open deals by expected value as scoring(ctx) ranks them, at most PRIORITY_ROWS", () => {
    const all = data.slices["*|all"];
    expect(all.count_open).toBe(scored.scores.rows.length);
    expect(all.priority).toEqual(scored.scores.rows.slice(0, PRIORITY_ROWS).map((row) => row.opportunity_id));
    const first = scored.scores.rows[0];
    expect(data.deals[first.opportunity_id]).toMatchObject({
      win_probability: Number(first.win_probability.toPrecision(4)),
      expected_value: Math.round(first.expected_value!),
      // the scorer writes the stage's code, the page its name
      reasons: [first.reason_1, first.reason_2, first.reason_3].map((reason) =>
        reason!.replace("Stage negotiation:", "Stage Negotiation:")
      )
    });
  });

  it("lists only the team's deals in a team slice, all of them", async () => {
    const slice = data.slices["*|team=华东"];
    const [{n}] = await readRows<{n: number}>(
      warehouse.connection,
      `SELECT count(*)::INTEGER AS n FROM opportunities o JOIN reps r ON r.rep_id = o.owner_rep_id
       WHERE r.team = '华东' AND o.outcome = 'open'`
    );
    expect(slice.count_open).toBe(n);
    expect(slice.priority.length).toBe(Math.min(n, PRIORITY_ROWS));
    expect(slice.priority.every((id) => teamOf.get(id) === "华东")).toBe(true);
    expect(slice.reassignments.every((id) => teamOf.get(id) === "华东")).toBe(true);
    const moves = (await suggestedReassignments(warehouse.context(historyUntil(NOW)), {scores: scored.scores.rows}))
      .rows;
    const teamMoves = moves.filter((row) => teamOf.get(row.opportunity_id) === "华东");
    expect(slice.count_reassignments).toBe(teamMoves.length);
    expect(slice.reassignments).toEqual(teamMoves.slice(0, MOVE_ROWS).map((row) => row.opportunity_id));
    expect(data.slices["*|all"].reassignments).toHaveLength(Math.min(moves.length, MOVE_ROWS));
    expect(slice.priority).toEqual(
      scored.scores.rows
        .filter((row) => teamOf.get(row.opportunity_id) === "华东")
        .slice(0, PRIORITY_ROWS)
        .map((row) => row.opportunity_id)
    );
  });

  it("carries a team slice's discovery lists as discovery(ctx) computes them", async () => {
    const found = await discovery(warehouse.context(historyUntil(NOW), {team: "华北"}), {limit: DISCOVERY_ROWS});
    const lookalikes = tableRows(data.slices["*|team=华北"].lookalikes);
    expect(lookalikes.map((row) => row.account_id)).toEqual(found.lookalikes.rows.map((row) => row.account_id));
    expect(lookalikes.map((row) => row.n_profile_customers)).toEqual(
      found.lookalikes.rows.map((row) => row.n_profile_customers)
    );
    expect(tableRows(data.slices["*|team=华北"].repeat_due).map((row) => row.account_id)).toEqual(
      found.repeat_due.rows.slice(0, DISCOVERY_ROWS).map((row) => row.account_id)
    );
    expect(lookalikes.map((row) => row.account_id)).not.toEqual(
      tableRows(data.slices["*|all"].lookalikes).map((row) => row.account_id)
    );
  });

  it("splits each period's budget as budgetAllocation(ctx) does", async () => {
    const ytd = sitePeriods(NOW, FIRST_DAY).find((p) => p.id === "ytd")!;
    const {rows} = await budgetAllocation(warehouse.context(ytd));
    const budget = data.budget.slices["ytd|*"];
    expect(budget.rows.map((row) => row.source)).toEqual(rows.map((row) => row.source));
    expect(budget.rows.map((row) => row.next_budget)).toEqual(rows.map((row) => Math.round(row.next_budget)));
    expect(data.budget.slices["lq|*"].total_cost).not.toBe(budget.total_cost);
  });

  it("names accounts only in account_name fields and holds no contact data", async () => {
    const read = (sql: string) =>
      readRows<{value: string}>(warehouse.connection, sql).then((rows) => rows.map((r) => r.value));
    const accounts = await read(`SELECT name AS value FROM accounts WHERE name IS NOT NULL`);
    const contacts = await read(`SELECT name AS value FROM contacts WHERE name IS NOT NULL`);
    const reachable = await read(
      `SELECT email AS value FROM contacts WHERE email IS NOT NULL UNION ALL SELECT phone FROM contacts WHERE phone IS NOT NULL`
    );
    const texts: string[] = [];
    JSON.stringify(data, (key, value) => {
      if (key === "account_name") return undefined;
      if (typeof value === "string") texts.push(value);
      return value;
    });
    expect(accounts.length * contacts.length * reachable.length).toBeGreaterThan(0);
    // company names, e-mails and phones are long enough to look for inside texts; a person's name only as a value
    expect([...accounts, ...reachable].filter((name) => texts.some((text) => text.includes(name)))).toEqual([]);
    expect(contacts.filter((name) => texts.includes(name))).toEqual([]);
    expect(JSON.stringify(data)).toContain('"account_name":"');
  });

  it.each(["en", "zh-CN"])(
    "names no rep on a site that hides reps' names (%s), moves and reasons by id",
    async (locale) => {
      const env = {hide: process.env.SHANGJI_HIDE, locale: process.env.SHANGJI_LOCALE};
      process.env.SHANGJI_HIDE = "reps";
      process.env.SHANGJI_LOCALE = locale;
      let hidden: unknown;
      try {
        hidden = withoutHiddenNames(await opportunitiesData(warehouse.connection), ["reps"]);
      } finally {
        for (const [key, value] of [
          ["SHANGJI_HIDE", env.hide],
          ["SHANGJI_LOCALE", env.locale]
        ] as const) {
          if (value === undefined) delete process.env[key];
          else process.env[key] = value;
        }
      }
      const names = (await readRows<{name: string}>(warehouse.connection, `SELECT name FROM reps`)).map((r) => r.name);
      const moves = Object.values((hidden as OpportunitiesData).reassignments);
      expect(names.length).toBeGreaterThan(0);
      expect(moves.length).toBeGreaterThan(0);
      const json = JSON.stringify(hidden);
      expect(names.filter((name) => json.includes(name))).toEqual([]);
      for (const move of moves) expect(move.explanation).toContain(move.to_rep_id);
    }
  );

  it("stays within 150 KB on the sample", () => {
    expect(Buffer.byteLength(JSON.stringify(data))).toBeLessThanOrEqual(150_000);
  });

  it("works on an empty warehouse", async () => {
    const empty = await emptyWarehouse();
    try {
      const result = await opportunitiesData(empty.connection);
      expect(Object.keys(result.slices)).toEqual(["*|all"]);
      expect(result.slices["*|all"]).toMatchObject({count_open: 0, priority: [], reassignments: []});
      expect(result.deals).toEqual({});
      expect(result.budget.slices["ytd|*"].rows).toEqual([]);
    } finally {
      empty.close();
    }
  });
});
