import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {DIRTY_ROWS, generateSample} from "../../generate/generate-sample.ts";
import {readRows, shanghaiMs, type Row} from "./read-sample.ts";

const AS_OF = Date.UTC(2026, 10, 20) - 8 * 3_600_000;
const STAGES: Record<string, string> = {
  潜在: "potential",
  意向: "intent",
  谈判: "negotiation",
  成交: "won",
  输单: "lost"
};
const dirtyIds = new Set(DIRTY_ROWS.filter((d) => d.file === "opportunities.csv").map((d) => d.id));

let dir: string;
let files: Record<string, Row[]>;
let opportunities: Row[];

function groupBy(rows: Row[], key: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(row[key], [...(groups.get(row[key]) ?? []), row]);
  return groups;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "shangji-consistency-"));
  const result = await generateSample({out: dir});
  files = Object.fromEntries(result.files.map((f) => [f.file, readRows(dir, f.file)]));
  opportunities = files["opportunities.csv"].filter((r) => !dirtyIds.has(r["商机编号"]));
}, 60_000);
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("generateSample(options)", () => {
  it("keeps ids unique apart from the one duplicate opportunity row", () => {
    const unique = (file: string, column: string) => new Set(files[file].map((r) => r[column])).size;
    expect(unique("opportunities.csv", "商机编号")).toBe(files["opportunities.csv"].length - 1);
    for (const [file, column] of [
      ["leads.csv", "线索编号"],
      ["accounts.csv", "客户编号"],
      ["activities.csv", "跟进编号"],
      ["reps.csv", "rep_id"],
      ["reps.csv", "name"],
      ["contacts.csv", "contact_id"],
      ["quotes.csv", "quote_id"],
      ["contracts.csv", "contract_id"],
      ["tickets.csv", "ticket_id"]
    ])
      expect(unique(file, column), `${file} ${column}`).toBe(files[file].length);
  });

  it("gives every opportunity a stage history that starts at creation and ends at its stage", () => {
    const history = groupBy(files["stage_history.csv"], "opportunity_id");
    expect(history.size).toBe(new Set(files["opportunities.csv"].map((r) => r["商机编号"])).size);
    for (const o of opportunities) {
      const entries = history.get(o["商机编号"])!;
      const times = entries.map((e) => Date.parse(e.entered_at));
      const created = shanghaiMs(o["创建时间"]);
      expect(times[0]).toBe(created);
      expect(times.every((t, i) => i === 0 || t > times[i - 1])).toBe(true);
      expect(times[times.length - 1]).toBeLessThan(AS_OF);
      expect(entries[entries.length - 1].stage).toBe(STAGES[o["阶段"]]);
      const closed = o["商机状态"] !== "进行中";
      expect(o["结束时间"] !== "").toBe(closed);
      if (closed) expect(shanghaiMs(o["结束时间"])).toBe(times[times.length - 1]);
      expect(o["商机状态"]).toBe({won: "赢单", lost: "输单"}[STAGES[o["阶段"]]] ?? "进行中");
      expect(o["输单原因"] !== "").toBe(o["商机状态"] === "输单");
    }
  });

  it("gives every won opportunity a contract for its amount, paid no more than due", () => {
    const contracts = groupBy(files["contracts.csv"], "opportunity_id");
    const won = opportunities.filter((o) => o["商机状态"] === "赢单");
    expect(won.length).toBeGreaterThan(300);
    expect(contracts.size).toBe(files["contracts.csv"].length);
    for (const o of won) {
      const [contract] = contracts.get(o["商机编号"]) ?? [];
      expect(contract, o["商机编号"]).toBeDefined();
      expect(contract.amount).toBe(o["金额"]);
      expect(contract.signed_at).toBe(o["结束时间"].slice(0, 10));
      expect(Number(contract.paid_amount)).toBeLessThanOrEqual(Number(contract.amount));
    }
    const overdue = files["contracts.csv"].filter(
      (c) => Date.parse(c.due_at) < AS_OF && Number(c.paid_amount) < Number(c.amount)
    );
    expect(overdue.length).toBeGreaterThan(10);
  });

  it("plans each contract's payments to its amount, received to its paid amount, some weeks late", () => {
    const plans = groupBy(files["payments.csv"], "合同编号");
    const cents = (text: string) => Math.round(Number(text || "0") * 100);
    expect(plans.size).toBe(files["contracts.csv"].length);
    for (const contract of files["contracts.csv"]) {
      const plan = plans.get(contract.contract_id)!;
      expect(
        plan.reduce((sum, p) => sum + cents(p["计划回款金额"]), 0),
        contract.contract_id
      ).toBe(cents(contract.amount));
      expect(
        plan.reduce((sum, p) => sum + cents(p["实际回款金额"]), 0),
        contract.contract_id
      ).toBe(cents(contract.paid_amount));
    }
    const received = files["payments.csv"].filter((p) => p["实际回款日期"] !== "");
    const daysLate = received.map((p) => (Date.parse(p["实际回款日期"]) - Date.parse(p["计划回款日期"])) / 86_400_000);
    expect(daysLate.filter((d) => d > 14).length).toBeGreaterThan(20);
    expect(daysLate.filter((d) => d < 0).length).toBeGreaterThan(20);
    expect(received.every((p) => p["实际回款日期"] <= "2026-11-20")).toBe(true);
  });

  it("links converted leads and opportunities both ways", () => {
    const leads = new Map(files["leads.csv"].map((l) => [l["线索编号"], l]));
    const ids = new Set(files["opportunities.csv"].map((o) => o["商机编号"]));
    for (const lead of leads.values()) {
      expect(lead["线索状态"] === "已转化").toBe(lead["转化商机编号"] !== "");
      if (lead["转化商机编号"]) expect(ids.has(lead["转化商机编号"])).toBe(true);
    }
    for (const o of opportunities) {
      if (!o["线索编号"]) {
        expect(["referral", "internal"]).toContain(o["线索来源"]);
        continue;
      }
      const lead = leads.get(o["线索编号"])!;
      expect(lead["转化商机编号"]).toBe(o["商机编号"]);
      expect(lead["转化时间"]).toBe(o["创建时间"]);
      expect(shanghaiMs(lead["创建时间"])).toBeLessThanOrEqual(shanghaiMs(o["创建时间"]));
      expect(lead["客户编号"]).toBe(o["客户编号"]);
    }
    const converted = files["leads.csv"].filter((l) => l["线索状态"] === "已转化").length;
    expect(converted).toBeLessThan(files["leads.csv"].length);
  });

  it("keeps activities, quotes and tickets inside the opportunity's life and before the export", () => {
    const byId = new Map(opportunities.map((o) => [o["商机编号"], o]));
    const end = (o: Row) => (o["结束时间"] ? shanghaiMs(o["结束时间"]) : AS_OF);
    for (const a of files["activities.csv"]) {
      const o = byId.get(a["商机编号"]);
      if (!o || a["跟进时间"] === "") continue;
      const at = shanghaiMs(a["跟进时间"]);
      expect(at).toBeGreaterThanOrEqual(shanghaiMs(o["创建时间"]));
      expect(at).toBeLessThanOrEqual(end(o));
    }
    const negotiated = new Set(
      files["stage_history.csv"].filter((s) => s.stage === "negotiation").map((s) => s.opportunity_id)
    );
    for (const q of files["quotes.csv"]) {
      expect(negotiated.has(q.opportunity_id)).toBe(true);
      const o = byId.get(q.opportunity_id);
      if (o) expect(Date.parse(q.created_at)).toBeLessThanOrEqual(end(o));
      expect(Number(q.discount)).toBeGreaterThanOrEqual(0);
      expect(Number(q.discount)).toBeLessThanOrEqual(0.3);
    }
    for (const t of files["tickets.csv"]) {
      expect(Date.parse(t.opened_at)).toBeLessThan(AS_OF);
      if (t.resolved_at) expect(Date.parse(t.resolved_at)).toBeGreaterThan(Date.parse(t.opened_at));
      expect(t.satisfaction === "").toBe(t.resolved_at === "");
      if (t.satisfaction) expect(Number(t.satisfaction)).toBeGreaterThanOrEqual(1);
    }
  });

  it("refers only to accounts, reps and channels that exist", () => {
    const accounts = new Map(files["accounts.csv"].map((a) => [a["客户编号"], a]));
    const repNames = new Set(files["reps.csv"].map((r) => r.name));
    const repIds = new Set(files["reps.csv"].map((r) => r.rep_id));
    const channels = ["trade_show", "wechat", "weibo", "linkedin", "online_ads", "partner", "referral", "internal"];
    for (const o of opportunities) {
      const account = accounts.get(o["客户编号"]);
      expect(account).toBeDefined();
      expect(shanghaiMs(account!["创建时间"])).toBeLessThanOrEqual(shanghaiMs(o["创建时间"]));
      expect(repNames.has(o["负责人"])).toBe(true);
      expect(channels).toContain(o["线索来源"]);
    }
    for (const r of files["reps.csv"]) if (r.manager_id) expect(repIds.has(r.manager_id)).toBe(true);
    for (const q of files["quotas.csv"]) expect(repIds.has(q.rep_id)).toBe(true);
    for (const s of files["marketing_spend.csv"]) expect(channels).toContain(s.channel);
    const perAccount = groupBy(files["contacts.csv"], "account_id");
    expect(perAccount.size).toBe(accounts.size);
    for (const contacts of perAccount.values()) expect(contacts.length).toBeLessThanOrEqual(3);
    for (const c of files["contacts.csv"]) expect(c.birthday).toMatch(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
    const repeat = [...groupBy(files["contracts.csv"], "account_id").values()].filter((c) => c.length > 1);
    expect(repeat.length).toBeGreaterThan(20);
  });
});
