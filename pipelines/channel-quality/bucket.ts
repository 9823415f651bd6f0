import type {Period} from "../lib/context.ts";

/** How rows are bucketed in time: calendar month, calendar quarter, or the whole period as one bucket. */
export type BucketInterval = "month" | "quarter" | "period";

const INTERVALS: readonly BucketInterval[] = ["month", "quarter", "period"];

/**
 * SQL for the first day of the bucket a timestamp or date column falls in, clipped to the period start
 * (`$start` must be bound). The interval comes from a fixed list, never from a value, so it is safe to
 * write into the SQL text.
 */
export function bucketSql(interval: BucketInterval, column: string): string {
  if (!INTERVALS.includes(interval)) throw new RangeError(`unknown bucket interval ${JSON.stringify(interval)}`);
  if (interval === "period") return "$start::DATE";
  return `greatest(date_trunc('${interval}', ${column})::DATE, $start::DATE)`;
}

/** The exclusive end of the bucket that starts on `bucketStart`, clipped to the period end. */
export function bucketEnd(bucketStart: string, interval: BucketInterval, period: Period): string {
  if (interval === "period") return period.end;
  const [year, month] = bucketStart.split("-").map(Number);
  const first = interval === "month" ? month : month - ((month - 1) % 3);
  const next = new Date(Date.UTC(year, first - 1 + (interval === "month" ? 1 : 3), 1)).toISOString().slice(0, 10);
  return next < period.end ? next : period.end;
}

/**
 * Calendar months covered by [start, end): whole months count 1, a partial month the share of its days
 * covered (15 of 30 days = 0.5). Used to turn a bucket's figures into monthly ones.
 */
export function monthsCovered(start: string, end: string): number {
  let months = 0;
  let day = Date.parse(`${start}T00:00:00Z`);
  const stop = Date.parse(`${end}T00:00:00Z`);
  while (day < stop) {
    const date = new Date(day);
    const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    const monthEnd = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    const until = Math.min(monthEnd, stop);
    months += (until - day) / (monthEnd - monthStart);
    day = until;
  }
  return months;
}
