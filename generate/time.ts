/**
 * Time helpers. Instants are UTC milliseconds; the company works in Asia/Shanghai (UTC+8, no daylight
 * saving), so local wall-clock time is the instant shifted by 8 hours.
 */
import type {Random} from "../pipelines/stats/random.ts";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const SHANGHAI_OFFSET = 8 * HOUR;

const dayLabels = new Map<number, string>();

function dayLabel(dayNumber: number): string {
  let label = dayLabels.get(dayNumber);
  if (label === undefined) {
    label = new Date(dayNumber * DAY).toISOString().slice(0, 10);
    dayLabels.set(dayNumber, label);
  }
  return label;
}

function clock(msOfDay: number): string {
  const seconds = Math.floor(msOfDay / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h < 10 ? "0" : ""}${h}:${m < 10 ? "0" : ""}${m}:${s < 10 ? "0" : ""}${s}`;
}

/** `2024-01-05 13:45:00`, naive Shanghai wall-clock time, as Chinese CRMs export it. */
export function localStamp(ms: number): string {
  const local = ms + SHANGHAI_OFFSET;
  const day = Math.floor(local / DAY);
  return `${dayLabel(day)} ${clock(local - day * DAY)}`;
}

/** `2024-01-05T05:45:00Z`. */
export function utcStamp(ms: number): string {
  const day = Math.floor(ms / DAY);
  return `${dayLabel(day)}T${clock(ms - day * DAY)}Z`;
}

/** The Shanghai calendar date of an instant, `2024-01-05`. */
export function localDate(ms: number): string {
  return dayLabel(localDay(ms));
}

/** `2024-01`. */
export function monthLabel(year: number, month: number): string {
  return `${year}-${month < 10 ? "0" : ""}${month}`;
}

/** Days since 1970-01-01 on the Shanghai calendar. */
export function localDay(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET) / DAY);
}

/** The instant of Shanghai midnight starting a local day. */
export function localMidnight(day: number): number {
  return day * DAY - SHANGHAI_OFFSET;
}

/** Parses `2026-11-20` as Shanghai midnight. */
export function parseLocalDate(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`asOf must be an ISO date like 2026-11-20, got "${date}"`);
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(utc) || new Date(utc).toISOString().slice(0, 10) !== date) throw new Error(`invalid date ${date}`);
  return utc - SHANGHAI_OFFSET;
}

export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Sunday */
  weekday: number;
}

export function civil(localDayNumber: number): CivilDate {
  const d = new Date(localDayNumber * DAY);
  return {year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay()};
}

export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY;
}

/** Chinese New Year's day; the company slows down around it. */
const SPRING_FESTIVAL: Record<number, string> = {
  2018: "02-16",
  2019: "02-05",
  2020: "01-25",
  2021: "02-12",
  2022: "02-01",
  2023: "01-22",
  2024: "02-10",
  2025: "01-29",
  2026: "02-17",
  2027: "02-06",
  2028: "01-26",
  2029: "02-13",
  2030: "02-03",
  2031: "01-23",
  2032: "02-11"
};

export function springFestivalDay(year: number): number {
  const [month, day] = (SPRING_FESTIVAL[year] ?? "02-05").split("-").map(Number);
  return dayOf(year, month, day);
}

/** True in the holiday slump: a week before Chinese New Year to ten days after. */
export function inSpringFestival(localDayNumber: number): boolean {
  const {year} = civil(localDayNumber);
  const festival = springFestivalDay(year);
  return localDayNumber >= festival - 7 && localDayNumber <= festival + 10;
}

/** A random instant during office hours (9:00–18:30, sometimes the evening) on a local day. */
export function officeTime(localDayNumber: number, rng: Random): number {
  const hour = rng.chance(0.1) ? rng.uniform(18.5, 21.5) : rng.uniform(9, 18.5);
  return localMidnight(localDayNumber) + Math.floor(hour * 3600) * 1000;
}

/** An office-hours instant `days` (fractional) after `after`, never before it, mostly on a weekday. */
export function officeTimeAfter(after: number, days: number, rng: Random): number {
  let day = localDay(after + days * DAY);
  const weekday = (day + 4) % 7;
  if ((weekday === 0 || weekday === 6) && rng.chance(0.85)) day += weekday === 6 ? 2 : 1;
  const candidate = officeTime(day, rng);
  return candidate > after ? candidate : after + Math.floor(rng.uniform(0.2, 2) * 3600) * 1000;
}
