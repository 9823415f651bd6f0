/**
 * When opportunities are created: a growing business, fewer new opportunities in February and the
 * National Day week, almost none at weekends or over Chinese New Year. The i-th opportunity is
 * placed at the (i + u)/n quantile of that distribution, so creation days come out in order
 * without keeping anything per opportunity.
 */
import type {Random} from "../pipelines/stats/random.ts";
import {civil, inSpringFestival, officeTime} from "./time.ts";

const MONTH_FACTOR = [0.9, 0.8, 1.05, 1, 1, 1.05, 0.95, 0.95, 1.1, 0.95, 1.05, 0.95];

export function creationWeight(localDayNumber: number, startDay: number): number {
  const {month, day, weekday} = civil(localDayNumber);
  const years = (localDayNumber - startDay) / 365;
  let weight = (1 + 0.3 * years) * MONTH_FACTOR[month - 1];
  if (weekday === 0 || weekday === 6) weight *= 0.12;
  if (inSpringFestival(localDayNumber)) weight *= 0.2;
  if (month === 10 && day <= 7) weight *= 0.2;
  return weight;
}

export class CreationCalendar {
  private readonly cumulative: Float64Array;
  private readonly total: number;
  private day = 0;

  /** Days from startDay (inclusive) to endDay (exclusive), as Shanghai local day numbers. */
  constructor(
    private readonly startDay: number,
    endDay: number,
    private readonly count: number
  ) {
    this.cumulative = new Float64Array(endDay - startDay + 1);
    for (let d = startDay; d < endDay; d++) {
      const i = d - startDay;
      this.cumulative[i + 1] = this.cumulative[i] + creationWeight(d, startDay);
    }
    this.total = this.cumulative[this.cumulative.length - 1];
  }

  /** Creation instant of the i-th opportunity; call with i increasing. */
  next(i: number, rng: Random): number {
    const target = ((i + rng.next()) / this.count) * this.total;
    const last = this.cumulative.length - 2;
    while (this.day < last && this.cumulative[this.day + 1] <= target) this.day++;
    return officeTime(this.startDay + this.day, rng);
  }
}
