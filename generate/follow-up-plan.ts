/**
 * Follow-up activities of one opportunity. The plan of docs/method.md §5: first contact within 24 h
 * of creation, materials sent 3–5 days after the first contact, a second contact 7–10 days after the
 * materials. Some opportunities follow it fully, some partly, some not at all; the story gives the
 * compliant ones better odds. Unplanned activities only come after the plan, so they never make a
 * late plan look compliant or a compliant one look late.
 */
import type {Random} from "../pipelines/stats/random.ts";
import {DAY, HOUR, localDay, officeTime, officeTimeAfter} from "./time.ts";

export type Compliance = "full" | "partial" | "none";
export type ActivityType = "电话" | "邮件" | "拜访" | "会议" | "微信" | "发送资料";

export interface Activity {
  type: ActivityType;
  at: number;
  result: string;
  content: string;
}

export interface Plan {
  first: number;
  materials?: number;
  second?: number;
  /** unplanned activities start after this */
  extrasFrom: number;
}

function firstContactInTime(created: number, rng: Random): number {
  const soon = created + Math.floor(rng.uniform(0.3, 5) * 3600) * 1000;
  const hour = ((soon + 8 * HOUR) % DAY) / HOUR;
  if (hour >= 8 && hour < 21) return soon;
  const nextMorning = officeTime(localDay(soon) + (hour >= 21 ? 1 : 0), rng);
  const morning = nextMorning - (nextMorning % HOUR) + Math.floor(rng.uniform(0, 1800)) * 1000;
  return morning > created && morning - created < 23.5 * HOUR ? morning : soon;
}

/** An office-hours instant a whole number of calendar days after `from` whose distance lies in [minDays, maxDays]. */
function daysLater(from: number, offsets: number[], minDays: number, maxDays: number, rng: Random): number {
  const base = localDay(from);
  for (let attempt = 0; attempt < 4; attempt++) {
    const at = officeTime(base + rng.pick(offsets), rng);
    const days = (at - from) / DAY;
    if (days > minDays + 0.01 && days < maxDays - 0.01) return at;
  }
  return from + Math.floor(((minDays + maxDays) / 2) * 86_400) * 1000;
}

function onTimeMaterials(first: number, rng: Random): number {
  return daysLater(first, [3, 4, 4, 5], 3, 5, rng);
}

function onTimeSecond(materials: number, rng: Random): number {
  return daysLater(materials, [7, 8, 8, 9, 10], 7, 10, rng);
}

export function followUpPlan(created: number, compliance: Compliance, rng: Random): Plan {
  if (compliance === "full") {
    const first = firstContactInTime(created, rng);
    const materials = onTimeMaterials(first, rng);
    const second = onTimeSecond(materials, rng);
    return {first, materials, second, extrasFrom: second};
  }
  if (compliance === "partial") {
    const variant = rng.int(0, 2);
    if (variant === 0) {
      const first = firstContactInTime(created, rng);
      const materials = officeTimeAfter(first, rng.uniform(7, 14), rng);
      const second = onTimeSecond(materials, rng);
      return {first, materials, second, extrasFrom: second};
    }
    if (variant === 1) {
      const first = firstContactInTime(created, rng);
      const materials = onTimeMaterials(first, rng);
      if (rng.chance(0.5)) return {first, materials, extrasFrom: materials + 10.5 * DAY};
      const second = officeTimeAfter(materials, rng.uniform(13, 25), rng);
      return {first, materials, second, extrasFrom: second};
    }
    const first = created + Math.floor(rng.uniform(30, 90) * 3600) * 1000;
    const materials = onTimeMaterials(first, rng);
    const second = onTimeSecond(materials, rng);
    return {first, materials, second, extrasFrom: second};
  }
  const first = officeTimeAfter(created, rng.uniform(2, 6), rng);
  const materials = rng.chance(0.5) ? officeTimeAfter(first, rng.uniform(8, 20), rng) : undefined;
  const after = materials ?? first;
  const second = rng.chance(0.6) ? officeTimeAfter(after, rng.uniform(14, 30), rng) : undefined;
  return {first, materials, second, extrasFrom: second ?? after};
}

const RESULTS: Record<ActivityType, readonly string[]> = {
  电话: ["有意向", "需再次跟进", "未接通", "客户暂无需求", "约定拜访"],
  微信: ["已回复", "需再次跟进", "有意向"],
  邮件: ["已发送", "已回复"],
  拜访: ["有意向", "需求已确认", "需再次跟进"],
  会议: ["方案已演示", "进入商务谈判", "需再次跟进"],
  发送资料: ["已发送"]
};

const CONTENTS: Record<ActivityType, readonly string[]> = {
  电话: ["电话沟通{p}需求", "电话回访，确认采购时间表", "介绍{p}功能, 客户关注交付周期"],
  微信: ["微信沟通报价细节", "微信发送案例视频", "微信确认会议时间"],
  邮件: ["邮件发送技术方案", "邮件答复客户技术问题", "邮件发送项目计划"],
  拜访: ["上门拜访，了解现场情况", "拜访客户决策人", "现场调研{p}部署环境"],
  会议: ["线上会议演示{p}方案", "技术交流会", "商务条款沟通会"],
  发送资料: ["发送{p}产品资料与案例", "发送产品白皮书和报价参考"]
};

const FIRST_TYPES: readonly [ActivityType, number][] = [
  ["电话", 6],
  ["微信", 3],
  ["拜访", 1]
];

const SECOND_TYPES: readonly [ActivityType, number][] = [
  ["电话", 5],
  ["拜访", 3],
  ["会议", 3]
];

const EXTRA_TYPES: readonly [ActivityType, number][] = [
  ["电话", 34],
  ["微信", 22],
  ["邮件", 15],
  ["拜访", 12],
  ["会议", 9],
  ["发送资料", 8]
];

function activity(type: ActivityType, at: number, product: string, rng: Random): Activity {
  return {type, at, result: rng.pick(RESULTS[type]), content: rng.pick(CONTENTS[type]).replace("{p}", product)};
}

/** The opportunity's activities up to `end` (its close, or the export), in time order. */
export function followUps(steps: Plan, created: number, end: number, product: string, rng: Random): Activity[] {
  const activities: Activity[] = [];
  const add = (type: ActivityType, at: number | undefined) => {
    if (at !== undefined && at < end) activities.push(activity(type, at, product, rng));
  };
  add(rng.weighted(FIRST_TYPES, ([, w]) => w)[0], steps.first);
  add("发送资料", steps.materials);
  add(rng.weighted(SECOND_TYPES, ([, w]) => w)[0], steps.second);
  const from = Math.max(steps.extrasFrom, activities.length ? activities[activities.length - 1].at : created);
  const span = (end - from) / DAY;
  if (span <= 0.5) return activities;
  const count = Math.min(25, rng.poisson(Math.min(12, 1 + span / 4)));
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const raw = from + Math.floor((rng.uniform(0.02, 1) * (end - from)) / 1000) * 1000;
    const office = officeTime(localDay(raw), rng);
    times.push(office > from && office < end ? office : raw);
  }
  times.sort((a, b) => a - b);
  for (const at of times) add(rng.weighted(EXTRA_TYPES, ([, w]) => w)[0], at);
  return activities;
}
