import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {generateSample} from "../../generate/generate-sample.ts";
import {readRows} from "./read-sample.ts";
import {sampleStats} from "./sample-stats.ts";

let dir: string;
let stats: ReturnType<typeof sampleStats>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "shangji-effects-"));
  await generateSample({out: dir});
  stats = sampleStats(dir);
}, 60_000);
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("generateSample(options) built-in effects at the default size", () => {
  it("makes referral and partner win far more often than online_ads and weibo", () => {
    const {byChannel} = stats;
    expect(byChannel.referral.closed).toBeGreaterThan(100);
    expect(byChannel.online_ads.closed).toBeGreaterThan(100);
    expect(byChannel.referral.rate - byChannel.online_ads.rate).toBeGreaterThan(0.2);
    expect(byChannel.partner.rate - byChannel.weibo.rate).toBeGreaterThan(0.15);
  });

  it("gives trade shows the largest deals", () => {
    const amounts = new Map<string, number[]>();
    for (const o of readRows(dir, "opportunities.csv")) {
      if (Number.isNaN(Number(o["金额"]))) continue;
      amounts.set(o["线索来源"], [...(amounts.get(o["线索来源"]) ?? []), Number(o["金额"])]);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const medians = [...amounts].map(([channel, xs]) => [channel, median(xs)] as const).sort((a, b) => b[1] - a[1]);
    expect(medians[0][0]).toBe("trade_show");
  });

  it("makes opportunities that follow the follow-up plan win clearly more often", () => {
    const {compliant, "not compliant": other} = stats.byCompliance;
    expect(compliant.closed).toBeGreaterThan(200);
    expect(other.closed).toBeGreaterThan(200);
    expect(compliant.rate - other.rate).toBeGreaterThan(0.15);
  });

  it("books more won revenue in Q4 than in Q1, with peaks in June and December", () => {
    const [q1, , , q4] = stats.quarterShare;
    expect(q4).toBeGreaterThan(q1 * 1.3);
    const months = stats.monthShare;
    expect(months[11]).toBe(Math.max(...months));
    expect(months[5]).toBeGreaterThan(months[4]);
  });

  it("spreads reps' win rates and rewards their specialty industries", () => {
    const rates = Object.values(stats.byRep)
      .filter((r) => r.closed >= 30)
      .map((r) => r.rate);
    expect(rates.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.2);
    const {"in specialty": inside, "outside specialty": outside} = stats.bySpecialty;
    expect(inside.rate - outside.rate).toBeGreaterThan(0.05);
  });

  it("converts leads at rates that differ by channel", () => {
    const leads = readRows(dir, "leads.csv");
    const rate = (channel: string) => {
      const mine = leads.filter((l) => l["线索来源"] === channel);
      return mine.filter((l) => l["线索状态"] === "已转化").length / mine.length;
    };
    expect(rate("referral")).toBeGreaterThan(0.35);
    expect(rate("online_ads")).toBeLessThan(0.15);
    expect(rate("weibo")).toBeLessThan(rate("wechat"));
  });

  it("makes service complaints less satisfying than inquiries", () => {
    const tickets = readRows(dir, "tickets.csv").filter((t) => t.satisfaction !== "");
    const mean = (category: string) => {
      const scores = tickets.filter((t) => t.category === category).map((t) => Number(t.satisfaction));
      return scores.reduce((s, x) => s + x, 0) / scores.length;
    };
    expect(mean("complaint")).toBeLessThan(mean("inquiry") - 1);
  });
});
