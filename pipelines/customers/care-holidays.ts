/**
 * Holidays on the care list. A fixed holiday recurs on a month-day every year; a lunar holiday moves,
 * so it is given by its dates (YYYY-MM-DD) and appears only in the years listed.
 */
export type Holiday = {name: string; date: string} | {name: string; dates: readonly string[]};

/** Chinese holidays customers are greeted on; lunar dates from the Chinese calendar, 2025–2028. */
export const DEFAULT_HOLIDAYS: readonly Holiday[] = [
  {name: "元旦", date: "01-01"},
  {name: "春节", dates: ["2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26"]},
  {name: "劳动节", date: "05-01"},
  {name: "端午节", dates: ["2025-05-31", "2026-06-19", "2027-06-09", "2028-05-28"]},
  {name: "中秋节", dates: ["2025-10-06", "2026-09-25", "2027-09-15", "2028-10-03"]},
  {name: "国庆节", date: "10-01"}
];

const DAY = 86_400_000;

/** The next occurrence of month-day `md` on or after `today` (both UTC); 02-29 falls on 02-28 in other years. */
export function nextMonthDay(md: string, today: string): string {
  const match = /^(\d{2})-(\d{2})$/.exec(md);
  if (!match) throw new Error(`a month-day must look like MM-DD, got "${md}"`);
  const [month, day] = [Number(match[1]), Number(match[2])];
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1]) {
    const lastDay = new Date(Date.UTC(y, month, 0)).getUTCDate();
    const date = new Date(Date.UTC(y, month - 1, Math.min(day, lastDay))).toISOString().slice(0, 10);
    if (date >= today) return date;
  }
  throw new Error(`no next occurrence of ${md}`); // unreachable: next year's date is always later
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** The holidays whose next date lies in [today, today + days), with their date and days until it. */
export function upcomingHolidays(
  holidays: readonly Holiday[],
  today: string,
  days: number
): {name: string; date: string; days_until: number}[] {
  const upcoming: {name: string; date: string; days_until: number}[] = [];
  for (const holiday of holidays) {
    const dates = "date" in holiday ? [nextMonthDay(holiday.date, today)] : holiday.dates;
    for (const date of dates) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`holiday ${holiday.name}: "${date}" is not YYYY-MM-DD`);
      const until = daysBetween(today, date);
      if (until >= 0 && until < days) upcoming.push({name: holiday.name, date, days_until: until});
    }
  }
  return upcoming;
}
