import {mkdtempSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import iconv from "iconv-lite";
import {afterAll, describe, expect, it} from "vitest";
import {DIRTY_ROWS, generateSample, HEADERS, type GenerateOptions} from "../../generate/generate-sample.ts";
import {readRows} from "./read-sample.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "shangji-sample-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, {recursive: true, force: true})));

async function generate(options: Omit<GenerateOptions, "out">) {
  const out = tempDir();
  return {out, result: await generateSample({out, ...options})};
}

function bytes(dir: string): Record<string, Buffer> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((file) => [file, readFileSync(join(dir, file))])
  );
}

const EXPECTED_HEADERS: Record<string, string> = {
  "opportunities.csv":
    "商机编号,商机名称,客户编号,客户名称,线索编号,线索来源,市场活动,负责人,产品,金额,币种,预计毛利率,阶段,商机状态,创建时间,预计成交日期,结束时间,输单原因,竞争对手",
  "leads.csv":
    "线索编号,创建时间,线索来源,市场活动,负责人,线索状态,转化时间,转化商机编号,客户编号,线索评级,公司名称,联系人,手机,邮箱",
  "accounts.csv": "客户编号,客户名称,行业,规模,员工人数,年营业额,省份,城市,信用等级,创建时间,负责人,会员等级,积分",
  "activities.csv": "跟进编号,商机编号,客户编号,负责人,跟进方式,跟进时间,跟进结果,跟进内容",
  "reps.csv": "rep_id,name,team,region,manager_id,hired_at,specialties",
  "contacts.csv": "contact_id,account_id,name,title,birthday,email,phone",
  "stage_history.csv": "opportunity_id,stage,entered_at",
  "quotes.csv": "quote_id,opportunity_id,amount,currency,discount,created_at,status",
  "contracts.csv": "contract_id,opportunity_id,account_id,amount,currency,signed_at,status,paid_amount,due_at",
  "payments.csv": "回款计划编号,合同编号,计划回款日期,计划回款金额,实际回款日期,实际回款金额,币种",
  "tickets.csv": "ticket_id,account_id,category,opened_at,resolved_at,satisfaction",
  "marketing_spend.csv": "channel,month,cost,currency",
  "quotas.csv": "rep_id,month,quota,currency"
};

describe("generateSample(options)", () => {
  it("writes byte-identical files for the same seed", async () => {
    const a = await generate({opportunities: 300, seed: 7});
    const b = await generate({opportunities: 300, seed: 7});
    // thirteen exports and the folder's mapping file that dates the export
    expect(Object.keys(bytes(a.out))).toHaveLength(14);
    expect(JSON.parse(bytes(a.out)["shangji-mapping.json"].toString())).toEqual({exportedAt: "2026-11-20"});
    expect(bytes(a.out)).toEqual(bytes(b.out));
    expect(a.result).toEqual(b.result);
  });

  it("writes different files for a different seed", async () => {
    const a = await generate({opportunities: 300, seed: 7});
    const b = await generate({opportunities: 300, seed: 8});
    expect(bytes(a.out)["opportunities.csv"].equals(bytes(b.out)["opportunities.csv"])).toBe(false);
    expect(bytes(a.out)["activities.csv"].equals(bytes(b.out)["activities.csv"])).toBe(false);
  });

  it("writes the Chinese-header files in GBK and the English-header files in UTF-8 without BOM", async () => {
    const {out, result} = await generate({opportunities: 200});
    expect(result.files.map((f) => f.file).sort()).toEqual(Object.keys(EXPECTED_HEADERS).sort());
    for (const {file, encoding} of result.files) {
      const raw = readFileSync(join(out, file));
      if (encoding === "gbk") {
        expect(raw.toString("utf8")).toContain("\uFFFD");
        const text = iconv.decode(raw, "gbk");
        expect(text.split("\r\n")[0], file).toBe(EXPECTED_HEADERS[file]);
      } else {
        expect(raw.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), file).toBe(false);
        expect(raw.toString("utf8").split("\n")[0], file).toBe(EXPECTED_HEADERS[file]);
      }
      expect(HEADERS[file as keyof typeof HEADERS].join(",")).toBe(EXPECTED_HEADERS[file]);
    }
    expect(
      result.files
        .filter((f) => f.encoding === "gbk")
        .map((f) => f.file)
        .sort()
    ).toEqual(["accounts.csv", "activities.csv", "leads.csv", "opportunities.csv"]);
  });

  it("reports row counts that match the files", async () => {
    const {out, result} = await generate({opportunities: 200});
    for (const {file, rows} of result.files) expect(readRows(out, file).length, file).toBe(rows);
    const opportunities = result.files.find((f) => f.file === "opportunities.csv")!;
    expect(opportunities.rows).toBe(201);
  });

  it("writes the dirty rows DIRTY_ROWS describes, and none when dirty is false", async () => {
    expect(DIRTY_ROWS.map((d) => `${d.file} ${d.id} ${d.column}`)).toEqual([
      "opportunities.csv O000017 金额",
      "opportunities.csv O000041 阶段",
      "opportunities.csv O000073 创建时间",
      "opportunities.csv O000101 商机编号",
      "activities.csv ACT0000001 跟进时间",
      "quotes.csv Q000001 amount"
    ]);
    const {out, result} = await generate({});
    expect(result.dirtyRows).toEqual(DIRTY_ROWS);
    const opportunities = readRows(out, "opportunities.csv");
    const byId = (id: string) => opportunities.filter((r) => r["商机编号"] === id);
    expect(byId("O000017")[0]["金额"]).toBe("待定");
    expect(byId("O000041")[0]["阶段"]).toBe("暂停");
    expect(byId("O000073")[0]["创建时间"]).toBe("2024-13-45 10:00:00");
    expect(byId("O000101")).toHaveLength(2);
    expect(byId("O000101")[0]["商机名称"]).not.toBe(byId("O000101")[1]["商机名称"]);
    expect(readRows(out, "activities.csv").find((r) => r["跟进编号"] === "ACT0000001")?.["跟进时间"]).toBe("");
    expect(readRows(out, "quotes.csv").find((r) => r.quote_id === "Q000001")?.amount).toBe("n/a");

    const clean = await generate({dirty: false});
    expect(clean.result.dirtyRows).toEqual([]);
    const cleanOpportunities = readRows(clean.out, "opportunities.csv");
    expect(cleanOpportunities).toHaveLength(1500);
    expect(cleanOpportunities.every((r) => /^\d+\.\d{2}$/.test(r["金额"]))).toBe(true);
    expect(readRows(clean.out, "quotes.csv").every((r) => /^\d+\.\d{2}$/.test(r.amount))).toBe(true);
  });

  it("writes 20 000 opportunities with bounded memory", async () => {
    const {result} = await generate({opportunities: 20_000, seed: 3});
    const rows = Object.fromEntries(result.files.map((f) => [f.file, f.rows]));
    expect(rows["opportunities.csv"]).toBe(20_001);
    expect(rows["activities.csv"]).toBeGreaterThan(100_000);
    expect(result.dirtyRows).toHaveLength(6);
  }, 120_000);
});
