import {addMonths, quarterStart} from "../pipelines/forecast/add-months.ts";
import type {Period} from "../pipelines/lib/context.ts";
import type {SitePeriod} from "./site-periods.ts";

/**
 * The period a site period's quota coverage is of: the whole quarter or year under way for "quarter to date"
 * and "year to date" (coverage looks at what is still to close in it), null for a period with nothing left to
 * close: last quarter, last year, the last 12 months and all time end today or earlier, so coverage does not
 * apply to them.
 *
 * @example
 * coveragePeriod({id: "qtd", …}, "2026-11-20T00:00:00Z"); // {start: "2026-10-01", end: "2027-01-01"}
 */
export function coveragePeriod(period: Pick<SitePeriod, "id">, now: string): Period | null {
  if (period.id === "qtd") {
    const start = quarterStart(now);
    return {start, end: addMonths(start, 3)};
  }
  if (period.id === "ytd") {
    const start = `${now.slice(0, 4)}-01-01`;
    return {start, end: addMonths(start, 12)};
  }
  return null;
}
