import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {followUpActions} from "../../pipelines/follow-up/follow-up-actions.ts";
import {followUpWorkload} from "../../pipelines/follow-up/follow-up-workload.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {FOLLOW_UP_NOW as NOW, followUpFixture} from "./follow-up-actions-fixture.ts";
import {emptyWarehouse} from "./sample-warehouse.ts";

let warehouse: Awaited<ReturnType<typeof emptyWarehouse>>;
let ctx: PipelineContext;

beforeAll(async () => {
  warehouse = await emptyWarehouse();
  await followUpFixture(warehouse.connection);
  ctx = {connection: warehouse.connection, period: {start: "2026-01-01", end: "2026-03-01"}, now: NOW};
});
afterAll(() => warehouse?.close());

describe("followUpActions(ctx, options)", () => {
  it("gives each open opportunity its next step and due day, by due day then larger amount", async () => {
    const {rows, missing} = await followUpActions(ctx);
    expect(missing).toEqual([]);
    expect(rows.map((r) => [r.opportunity_id, r.next_step, r.due_on, r.due_status, r.stale_reason])).toEqual([
      ["A7", "check_in", "2025-11-29", "stale", "silent"],
      ["A13", "check_in", "2025-12-15", "stale", "silent"],
      ["A6", "first_contact", "2026-02-16", "overdue", null],
      ["A5", "check_in", "2026-02-18", "overdue", null],
      ["A12", "first_contact", "2026-02-27", "overdue", null],
      ["A14", "first_contact", "2026-03-01", "today", null],
      ["A1", "first_contact", "2026-03-01", "today", null],
      ["A8", "materials", "2026-03-02", "stale", "past_close"],
      ["A2", "materials", "2026-03-04", "week", null],
      ["A4", "second_contact", "2026-03-05", "week", null],
      ["A9", "second_contact", "2026-03-06", "week", null],
      ["A3", "check_in", "2026-03-07", "week", null],
      ["A10", "check_in", "2026-03-14", "later", null]
    ]);
  });

  it("counts silence from the last touch at now and the days past the expected close", async () => {
    const byId = new Map((await followUpActions(ctx)).rows.map((r) => [r.opportunity_id, r]));
    expect(byId.get("A7")).toMatchObject({days_since_touch: 106, days_past_close: null});
    expect(byId.get("A13")).toMatchObject({days_since_touch: 90});
    expect(byId.get("A6")).toMatchObject({days_since_touch: 14, last_touch_at: null});
    expect(byId.get("A9")).toMatchObject({days_since_touch: 5});
    expect(byId.get("A8")).toMatchObject({days_past_close: 60});
    expect(byId.get("A12")).toMatchObject({days_past_close: 59});
  });

  it("takes the stale limits from the options", async () => {
    const {rows} = await followUpActions(ctx, {staleSilentDays: 120, stalePastCloseDays: 61});
    const status = Object.fromEntries(rows.map((r) => [r.opportunity_id, r.due_status]));
    expect([status.A7, status.A13, status.A8]).toEqual(["overdue", "overdue", "week"]);
  });

  it("narrows to the filter", async () => {
    const {rows} = await followUpActions({...ctx, filters: {rep: "R1"}});
    expect(rows.map((r) => r.opportunity_id)).toEqual(["A7", "A5", "A12", "A1", "A2", "A9"]);
  });
});

describe("followUpWorkload(rows, by)", () => {
  it("counts each rep's overdue, due today, due this week and stale opportunities", async () => {
    const {rows} = await followUpActions(ctx);
    expect(followUpWorkload(rows, "owner_rep_id")).toEqual([
      {key: "R1", n_overdue: 2, n_today: 1, n_week: 2, n_stale: 1, amount_due: 1950},
      {key: "R2", n_overdue: 1, n_today: 1, n_week: 2, n_stale: 2, amount_due: 1550}
    ]);
    expect(followUpWorkload(rows, "team").map((r) => [r.key, r.amount_due])).toEqual([
      ["A", 1950],
      ["B", 1550]
    ]);
  });
});
