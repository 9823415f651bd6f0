import {createHash} from "node:crypto";
import {mkdtempSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {DIRTY_ROWS, generateSample, type GenerateResult} from "../../generate/generate-sample.ts";
import {readRows, shanghaiMs, type Row} from "./read-sample.ts";

/** The bundled earlier export's date, and the instant ingest dates it at. */
const EARLIER = "2026-11-02";
const CUT = Date.UTC(2026, 10, 2);
const LABELS: Record<string, string> = {
  potential: "潜在",
  intent: "意向",
  negotiation: "谈判",
  won: "成交",
  lost: "输单"
};
const STATUS: Record<string, string> = {won: "赢单", lost: "输单"};
/** the columns that tell what a deal is, as opposed to how far it has got */
const FIXED = [
  "商机名称",
  "客户编号",
  "客户名称",
  "线索编号",
  "线索来源",
  "市场活动",
  "负责人",
  "产品",
  "币种",
  "预计毛利率"
];
const dirtyIds = new Set(DIRTY_ROWS.filter((d) => d.file === "opportunities.csv").map((d) => d.id));

let root: string;
let result: GenerateResult;
let later: Map<string, Row>;
let earlier: Row[];
let history: Map<string, Row[]>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "shangji-earlier-"));
  result = await generateSample({out: join(root, "sample"), earlier: {out: join(root, "earlier"), asOf: EARLIER}});
  later = new Map(readRows(join(root, "sample"), "opportunities.csv").map((r) => [r["商机编号"], r]));
  earlier = readRows(join(root, "earlier"), "opportunities.csv");
  history = new Map();
  for (const row of readRows(join(root, "sample"), "stage_history.csv"))
    history.set(row.opportunity_id, [...(history.get(row.opportunity_id) ?? []), row]);
}, 60_000);
afterAll(() => rmSync(root, {recursive: true, force: true}));

/** A folder's files by name, each by the SHA-256 of its bytes. */
function files(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((file) => [
        file,
        createHash("sha256")
          .update(readFileSync(join(dir, file)))
          .digest("hex")
      ])
  );
}

/** A deal's stage history entries before the earlier export. */
const seenBy = (id: string) => history.get(id)!.filter((h) => Date.parse(h.entered_at) < CUT);

describe("generateSample({earlier})", () => {
  it("writes the bundled sample, data/sample and data/sample-earlier, byte for byte", () => {
    expect(files(join(root, "sample"))).toEqual(files("data/sample"));
    expect(files(join(root, "earlier"))).toEqual(files("data/sample-earlier"));
    expect(JSON.parse(readFileSync("data/sample-earlier/shangji-mapping.json", "utf8"))).toEqual({exportedAt: EARLIER});
    expect(result.earlierFiles).toEqual([{file: "opportunities.csv", rows: earlier.length, encoding: "gbk"}]);
  });

  it("leaves the sample's own files as they are without it", async () => {
    const plain = join(root, "plain");
    const beside = join(root, "beside");
    await generateSample({out: plain, opportunities: 300, seed: 7});
    await generateSample({
      out: beside,
      opportunities: 300,
      seed: 7,
      earlier: {out: join(root, "x"), asOf: "2026-09-15"}
    });
    expect(files(beside)).toEqual(files(plain));
  });

  it("holds each deal created before the earlier date once, without the later export's broken values", () => {
    const createdBefore = [...history].filter(([, entries]) => Date.parse(entries[0].entered_at) < CUT);
    expect(earlier.map((r) => r["商机编号"])).toEqual(createdBefore.map(([id]) => id));
    expect(earlier.length).toBeGreaterThan(1400);
    expect(earlier.length).toBeLessThan(later.size);
    for (const row of earlier) {
      expect(Number(row["金额"]), row["商机编号"]).toBeGreaterThanOrEqual(8000);
      expect(shanghaiMs(row["创建时间"]), row["商机编号"]).toBe(
        Date.parse(history.get(row["商机编号"])![0].entered_at)
      );
    }
  });

  it("shows each deal in the stage its history had reached, closed when that stage closes it", () => {
    for (const row of earlier) {
      const id = row["商机编号"];
      const last = seenBy(id).at(-1)!;
      expect(row["阶段"], id).toBe(LABELS[last.stage]);
      expect(row["商机状态"], id).toBe(STATUS[last.stage] ?? "进行中");
      expect(row["结束时间"] === "" ? null : shanghaiMs(row["结束时间"]), id).toBe(
        STATUS[last.stage] ? Date.parse(last.entered_at) : null
      );
      if (!dirtyIds.has(id))
        for (const column of FIXED) expect(row[column], `${id} ${column}`).toBe(later.get(id)![column]);
    }
  });

  it("shows deals closed by then as the later export does, and some open deals with another amount or close", () => {
    const closed = earlier.filter((r) => r["商机状态"] !== "进行中" && !dirtyIds.has(r["商机编号"]));
    for (const row of closed) expect(row, row["商机编号"]).toEqual(later.get(row["商机编号"]));
    const open = earlier.filter((r) => r["商机状态"] === "进行中");
    expect(open.every((r) => r["输单原因"] === "")).toBe(true);
    const revised = open.filter((r) => r["金额"] !== later.get(r["商机编号"])!["金额"]);
    const moved = open.filter((r) => r["预计成交日期"] !== later.get(r["商机编号"])!["预计成交日期"]);
    expect(revised.length).toBeGreaterThan(open.length / 10);
    expect(revised.length).toBeLessThan(open.length / 2);
    expect(moved.length).toBeGreaterThan(10);
  });

  it("refuses an earlier date that is not before the export's", async () => {
    await expect(
      generateSample({out: join(root, "refused"), earlier: {out: join(root, "refused-earlier"), asOf: "2026-11-20"}})
    ).rejects.toThrow(`the earlier export's date must be an ISO date before the export's, got "2026-11-20"`);
  });
});
