/** Month-grained files: marketing spend per channel and quotas per rep. */
import {CHANNELS, type ChannelProfile} from "./channels.ts";
import type {Rep} from "./people.ts";
import {mixSeed, Random} from "../pipelines/stats/random.ts";
import {civil, localDay, monthLabel} from "./time.ts";
import type {CsvWriter} from "./write-csv.ts";

const SPEND_STREAM = 0x5e4d;
const QUOTA_STREAM = 0x9a07;

/** Months from the history's first month, counted on the Shanghai calendar. */
export class MonthIndex {
  readonly startYear: number;
  readonly startMonth: number;

  constructor(historyStart: number) {
    const {year, month} = civil(localDay(historyStart));
    this.startYear = year;
    this.startMonth = month;
  }

  of(at: number): number {
    const {year, month} = civil(localDay(at));
    return (year - this.startYear) * 12 + month - this.startMonth;
  }

  label(index: number): string {
    const months = this.startYear * 12 + this.startMonth - 1 + index;
    return monthLabel(Math.floor(months / 12), (months % 12) + 1);
  }

  /** Calendar month (1–12) of a month index. */
  month(index: number): number {
    return ((this.startMonth - 1 + index) % 12) + 1;
  }
}

/** Counts leads per channel and month while the opportunities are written. */
export class LeadTally {
  private readonly counts: Float64Array;

  constructor(
    private readonly months: MonthIndex,
    private readonly monthCount: number
  ) {
    this.counts = new Float64Array(CHANNELS.length * monthCount);
  }

  add(channel: ChannelProfile, at: number): void {
    const month = this.months.of(at);
    if (month >= 0 && month < this.monthCount) this.counts[CHANNELS.indexOf(channel) * this.monthCount + month]++;
  }

  get(channelIndex: number, month: number): number {
    return this.counts[channelIndex * this.monthCount + month];
  }
}

/** Trade-show money is spent in the months of the big fairs. */
const TRADE_SHOW_MONTHS = new Set([3, 6, 9, 11]);

/** Spend follows the leads each channel brought, at its own cost per lead; internal has none. */
export function writeMarketingSpend(
  writer: CsvWriter,
  tally: LeadTally,
  months: MonthIndex,
  monthCount: number,
  seed: number
): void {
  const rng = new Random(mixSeed(seed, SPEND_STREAM));
  CHANNELS.forEach((channel, c) => {
    if (channel.costPerLead === 0) return;
    for (let m = 0; m < monthCount; m++) {
      let cost = tally.get(c, m) * channel.costPerLead * rng.uniform(0.85, 1.15);
      if (channel.name === "trade_show") cost *= TRADE_SHOW_MONTHS.has(months.month(m)) ? 1.9 : 0.55;
      writer.write([channel.name, months.label(m), cost.toFixed(2), "CNY"]);
    }
  });
}

const QUOTA_SEASON = [0.85, 0.7, 1, 1, 1, 1.15, 0.95, 0.95, 1.05, 1, 1.25, 1.3];

/**
 * Monthly quotas from each rep's first month through the end of the export year, so coverage of the
 * rest of the year can be computed. Quotas are set a little above what reps actually achieve.
 */
export function writeQuotas(
  writer: CsvWriter,
  reps: readonly Rep[],
  wonByRep: Float64Array,
  months: MonthIndex,
  historyMonths: number,
  seed: number
): void {
  const rng = new Random(mixSeed(seed, QUOTA_STREAM));
  const lastMonth = historyMonths - 1 + (12 - months.month(historyMonths - 1));
  const firstMonth = reps.map((rep) => Math.max(0, months.of(rep.hiredAt)));
  const perMonth = reps.map((_, r) => wonByRep[r] / Math.max(1, historyMonths - firstMonth[r]));
  const average = perMonth.reduce((s, x) => s + x, 0) / Math.max(1, reps.length);
  reps.forEach((rep, r) => {
    const base = 0.5 * perMonth[r] + 0.5 * average;
    for (let m = firstMonth[r]; m <= lastMonth; m++) {
      const quota = base * 1.1 * QUOTA_SEASON[months.month(m) - 1] * rng.uniform(0.95, 1.2);
      writer.write([rep.id, months.label(m), (Math.max(1, Math.round(quota / 10_000)) * 10_000).toFixed(2), "CNY"]);
    }
  });
}
