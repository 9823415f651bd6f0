/** Effect measurements on a generated sample, computed straight from the CSV files. */
import {readRows, shanghaiMs, type Row} from "./read-sample.ts";

const DAY = 86_400_000;

export interface Rate {
  won: number;
  closed: number;
  rate: number;
}

function rate(rows: Row[]): Rate {
  const won = rows.filter((r) => r["商机状态"] === "赢单").length;
  const closed = rows.filter((r) => r["商机状态"] !== "进行中").length;
  return {won, closed, rate: closed ? won / closed : NaN};
}

function groupRates(rows: Row[], key: (r: Row) => string): Record<string, Rate> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return Object.fromEntries([...groups].sort().map(([k, g]) => [k, rate(g)]));
}

/** Closed, valid opportunities, first occurrence of each id. */
export function closedOpportunities(dir: string): Row[] {
  const seen = new Set<string>();
  return readRows(dir, "opportunities.csv").filter((r) => {
    if (seen.has(r["商机编号"])) return false;
    seen.add(r["商机编号"]);
    return r["商机状态"] !== "进行中" && !Number.isNaN(shanghaiMs(r["创建时间"])) && !Number.isNaN(Number(r["金额"]));
  });
}

/** Plan compliance from activities: first contact ≤ 24 h, materials 3–5 days later, second contact 7–10 days after that. */
export function compliantIds(dir: string): Set<string> {
  const byOpportunity = new Map<string, {type: string; at: number}[]>();
  for (const a of readRows(dir, "activities.csv")) {
    const at = shanghaiMs(a["跟进时间"]);
    if (Number.isNaN(at)) continue;
    const list = byOpportunity.get(a["商机编号"]) ?? [];
    list.push({type: a["跟进方式"], at});
    byOpportunity.set(a["商机编号"], list);
  }
  const created = new Map(readRows(dir, "opportunities.csv").map((r) => [r["商机编号"], shanghaiMs(r["创建时间"])]));
  const compliant = new Set<string>();
  for (const [id, list] of byOpportunity) {
    list.sort((a, b) => a.at - b.at);
    const start = created.get(id);
    const first = list.find((a) => a.type !== "发送资料");
    if (start === undefined || !first || first.at - start > DAY) continue;
    const materials = list.find((a) => a.type === "发送资料" && a.at > first.at);
    if (!materials || materials.at - first.at < 3 * DAY || materials.at - first.at > 5 * DAY) continue;
    const second = list.find((a) => a.type !== "发送资料" && a.at > materials.at);
    if (!second || second.at - materials.at < 7 * DAY || second.at - materials.at > 10 * DAY) continue;
    compliant.add(id);
  }
  return compliant;
}

export function sampleStats(dir: string) {
  const closed = closedOpportunities(dir);
  const compliant = compliantIds(dir);
  const reps = readRows(dir, "reps.csv");
  const specialties = new Map(reps.map((r) => [r.name, r.specialties.split(";")]));
  const industry = new Map(readRows(dir, "accounts.csv").map((a) => [a["客户编号"], a["行业"]]));
  const wonByQuarter = [0, 0, 0, 0];
  const wonByMonth = new Array<number>(12).fill(0);
  for (const r of closed) {
    if (r["商机状态"] !== "赢单") continue;
    const [year, month] = r["结束时间"].slice(0, 7).split("-").map(Number);
    if (year < 2024 || year > 2025) continue;
    wonByQuarter[Math.floor((month - 1) / 3)] += Number(r["金额"]);
    wonByMonth[month - 1] += Number(r["金额"]);
  }
  const total = wonByQuarter.reduce((s, x) => s + x, 0);
  return {
    byChannel: groupRates(closed, (r) => r["线索来源"]),
    byCompliance: groupRates(closed, (r) => (compliant.has(r["商机编号"]) ? "compliant" : "not compliant")),
    byRep: groupRates(closed, (r) => r["负责人"]),
    bySpecialty: groupRates(closed, (r) =>
      specialties.get(r["负责人"])?.includes(industry.get(r["客户编号"]) ?? "") ? "in specialty" : "outside specialty"
    ),
    quarterShare: wonByQuarter.map((x) => x / total),
    monthShare: wonByMonth.map((x) => x / total)
  };
}
