import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  complianceByRep,
  followUpChannelMix,
  followUpActions,
  followUpCompliance,
  winRateByCompliance,
  winRateByFollowUpMix
} from "../../../pipelines/follow-up.ts";
import {readRows} from "../../../warehouse/read-rows.ts";
import {scoring} from "../../../pipelines/scoring.ts";
import {historyUntil} from "../../../site/pages/forecast-data.ts";
import {withoutHiddenNames} from "../../../site/hidden-names.ts";
import {
  followUpData,
  ACTION_ROWS,
  type FollowUpData,
  type FollowUpSlice,
  type TodaySlice
} from "../../../site/pages/follow-up-data.ts";
import {sitePeriods, type SitePeriod} from "../../../site/site-periods.ts";
import {tableRows} from "../../../src/components/compact-table.js";
import {sliceAt} from "../../../src/components/slices.js";
import {emptyWarehouse, sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

/** the month of the sample's first record (an opportunity or lead created): where "all time" starts */
const FIRST_DAY = "2023-11-01";

type Sample = Awaited<ReturnType<typeof sampleWarehouse>>;
type Row = Record<string, string | number | boolean | null>;

const objects = (table: {columns: string[]; rows: unknown[][]}) => tableRows<Row>(table);

const rounded = (x: number | null) => (x === null ? null : Number(x.toPrecision(4)));

describe("followUpData(connection)", () => {
  let sample: Sample;
  let data: FollowUpData;
  let ytd: SitePeriod;
  const slice = (key: string) => sliceAt<FollowUpSlice>(data.slices, key);
  const todayAt = (key: string) => sliceAt<TodaySlice>(data.today, key);

  beforeAll(async () => {
    sample = await sampleWarehouse();
    data = await followUpData(sample.connection);
    ytd = sitePeriods(sample.context({start: "2026-01-01", end: "2026-01-02"}).now, FIRST_DAY).find(
      (p) => p.id === "ytd"
    )!;
  });
  afterAll(() => sample.close());

  it("shows each rep's compliance as complianceByRep computes it", async () => {
    const expected = await complianceByRep(sample.context(ytd));
    const rows = objects(slice("ytd|all").by_rep);
    expect(rows.length).toBeGreaterThan(1);
    for (const e of expected.rows)
      if (e.rep_id !== null) expect(data.people[e.rep_id]).toEqual({rep_name: e.rep_name, team: e.team});
    expect(rows).toEqual(
      expected.rows.map((e) => ({
        rep_id: e.rep_id,
        n_evaluated: e.n_evaluated,
        n_compliant: e.n_compliant,
        n_pending: e.n_pending,
        compliant_rate: rounded(e.compliant_rate),
        compliant_rate_lower: rounded(e.compliant_rate_lower),
        compliant_rate_upper: rounded(e.compliant_rate_upper),
        n_failed_first_contact: e.n_failed_first_contact,
        n_failed_materials: e.n_failed_materials,
        n_failed_second_contact: e.n_failed_second_contact
      }))
    );
  });

  it("counts the plan's outcomes over all opportunities as followUpCompliance lists them", async () => {
    const plans = (await followUpCompliance(sample.context(ytd))).rows;
    const [total] = objects(slice("ytd|all").compliance);
    const count = (test: (row: (typeof plans)[number]) => boolean) => plans.filter(test).length;
    expect(total).toMatchObject({
      n_compliant: count((p) => p.plan_status === "compliant"),
      n_pending: count((p) => p.plan_status === "pending"),
      n_evaluated: count((p) => p.plan_status !== "pending"),
      n_failed_first_contact: count((p) => p.failed_step === "first_contact"),
      n_failed_materials: count((p) => p.failed_step === "materials"),
      n_failed_second_contact: count((p) => p.failed_step === "second_contact")
    });
    expect(total.compliant_rate).toBe(rounded((total.n_compliant as number) / (total.n_evaluated as number)));
  });

  it("carries the win rates and the channel mix of the pipelines", async () => {
    const ctx = sample.context(ytd);
    const all = slice("ytd|all");
    const byStatus = (await winRateByCompliance(ctx)).rows;
    expect(objects(all.win_rate_by_compliance)).toEqual(
      byStatus.map((e) => ({
        plan_status: e.plan_status,
        n_closed: e.n_closed,
        n_won: e.n_won,
        win_rate: rounded(e.win_rate),
        win_rate_lower: rounded(e.win_rate_lower),
        win_rate_upper: rounded(e.win_rate_upper)
      }))
    );
    const mix = (await followUpChannelMix(ctx)).rows;
    expect(objects(all.channel_mix).map((r) => [r.type, r.n_activities, r.activity_rate])).toEqual(
      mix.map((e) => [e.type, e.n_activities, rounded(e.activity_rate)])
    );
    const byMix = (await winRateByFollowUpMix(ctx)).rows;
    const visits = byMix.filter((e) => e.dimension === "visit");
    expect(objects(all.win_rate_by_visit).map((r) => [r.visit, r.n_closed, r.n_won])).toEqual(
      visits.map((e) => [e.value, e.n_closed, e.n_won])
    );
    const dominant = byMix.filter((e) => e.dimension === "dominant_channel");
    expect(objects(all.win_rate_by_dominant_channel).map((r) => r.type)).toEqual(dominant.map((e) => e.value));
  });

  it("narrows a channel slice to that channel", () => {
    const all = slice("ytd|all");
    const referral = slice("ytd|channel=referral");
    expect(objects(referral.by_channel).map((r) => r.channel)).toEqual(["referral"]);
    const [allTotal] = objects(all.compliance);
    const [referralTotal] = objects(referral.compliance);
    expect(referralTotal.n_evaluated).toBeLessThan(allTotal.n_evaluated as number);
    const {channel: _channel, ...counts} = objects(all.by_channel).find((r) => r.channel === "referral")!;
    expect(referralTotal).toEqual(counts);
  });

  it("lists the follow-ups due by this week as of now, stale ones left out, with their account names", async () => {
    expect(Object.keys(data.today)).toHaveLength(Object.keys(data.slices).length / 6);
    const expected = (await followUpActions(sample.context(ytd))).rows;
    const today = todayAt("*|all");
    const due = expected.filter((e) => ["overdue", "today", "week"].includes(e.due_status));
    expect(today.counts.overdue.count + today.counts.today.count + today.counts.week.count).toBe(due.length);
    expect(today.counts.stale.count).toBe(expected.filter((e) => e.due_status === "stale").length);
    const rows = objects(today.actions);
    expect(rows.map((r) => r.opportunity_id)).toEqual(due.slice(0, ACTION_ROWS).map((e) => e.opportunity_id));
    expect(rows.every((r) => r.due_status !== "stale")).toBe(true);
    const dueDays = rows.map((r) => r.due_on as string);
    expect(dueDays).toEqual([...dueDays].sort());
    const [first] = await readRows<{name: string}>(
      sample.connection,
      "SELECT a.name FROM opportunities o JOIN accounts a ON a.account_id = o.account_id WHERE o.opportunity_id = $id",
      {id: rows[0].opportunity_id as string}
    );
    expect(rows[0].account_name).toBe(first.name);
  });

  it("gives each listed follow-up the win probability the priority list shows", async () => {
    const {now} = sample.context(ytd);
    const {scores} = await scoring({...sample.context(historyUntil(now)), filters: {}});
    const chances = new Map(scores.rows.map((row) => [row.opportunity_id, rounded(row.win_probability)]));
    const rows = objects(todayAt("*|all").actions);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => [r.opportunity_id, r.win_probability])).toEqual(
      rows.map((r) => [r.opportunity_id, chances.get(r.opportunity_id as string)])
    );
  });

  it("counts each rep's and each team's follow-ups, adding up to the whole", async () => {
    const today = todayAt("*|all");
    const all = (await followUpActions(sample.context(ytd))).rows;
    expect(today.n_reps).toBe(new Set(all.map((row) => row.owner_rep_id)).size);
    // every rep is listed on the sample, so the reps' rows add up to the whole too
    expect(objects(today.workload_by_rep)).toHaveLength(today.n_reps);
    for (const table of [today.workload_by_rep, today.workload_by_team]) {
      const rows = objects(table);
      for (const status of ["overdue", "today", "week", "stale"] as const)
        expect(rows.reduce((sum, r) => sum + (r[`n_${status}`] as number), 0)).toBe(today.counts[status].count);
    }
  });

  it("writes a slice equal to an earlier one as that one's key", () => {
    const keys = Object.keys(data.slices).filter((key) => typeof data.slices[key] === "string");
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(slice(key)).toEqual(slice(data.slices[key] as string));
  });

  it("keeps account names in the follow-up list, so that a public site drops them", () => {
    const names = objects(todayAt("*|all").actions).map((r) => r.account_name as string);
    expect(names.filter((name) => name !== null).length).toBeGreaterThan(0);
    const json = JSON.stringify(withoutHiddenNames(data, ["accounts"]));
    expect(names.filter((name) => name !== null && json.includes(name))).toEqual([]);
  });

  it("stays within 150 KB for all its slices", () => {
    // 6 periods × 19 filter choices (all, 4 teams, 4 regions, 10 channels)
    expect(Object.keys(data.slices)).toHaveLength(114);
    // six periods of data where there were four: the 500 KB a page view may load stays the bound that matters
    expect(Buffer.byteLength(JSON.stringify(data))).toBeLessThan(225_000);
  });
});

describe("followUpData(connection) on an empty warehouse", () => {
  it("says activities are missing in every slice", async () => {
    const warehouse = await emptyWarehouse();
    try {
      const data = await followUpData(warehouse.connection);
      expect(Object.keys(data.slices)).toEqual(["qtd|all", "lq|all", "ytd|all", "ly|all", "l12m|all", "all|all"]);
      for (const key of Object.keys(data.slices)) {
        const slice = sliceAt<FollowUpSlice>(data.slices, key);
        expect(slice.missing).toEqual(["activities"]);
        expect(slice.by_rep).toEqual({columns: [], rows: []});
      }
      expect(data.today["*|all"]).toMatchObject({
        missing: ["activities"],
        counts: {overdue: {count: 0, amount: 0}, stale: {count: 0, amount: 0}},
        actions: {columns: [], rows: []}
      });
    } finally {
      warehouse.close();
    }
  });
});
