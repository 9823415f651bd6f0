import {describe, expect, it} from "vitest";
import {shift, sitePeriods} from "../../../site/site-periods.ts";

describe("sitePeriods(now, firstDay)", () => {
  it("offers quarter to date, last quarter, year to date, last year, the last 12 months and all time, half-open in UTC days", () => {
    const periods = sitePeriods("2026-11-20T00:00:00Z", "2023-11-01");
    expect(periods.map(({id, start, end}) => ({id, start, end}))).toEqual([
      {id: "qtd", start: "2026-10-01", end: "2026-11-21"},
      {id: "lq", start: "2026-07-01", end: "2026-10-01"},
      {id: "ytd", start: "2026-01-01", end: "2026-11-21"},
      {id: "ly", start: "2025-01-01", end: "2026-01-01"},
      {id: "l12m", start: "2025-11-21", end: "2026-11-21"},
      {id: "all", start: "2023-11-01", end: "2026-11-21"}
    ]);
  });

  it("compares the last 12 months with the 12 before, and all time with nothing", () => {
    const periods = sitePeriods("2024-02-29T08:00:00Z", "2017-03-01");
    const l12m = periods.find((p) => p.id === "l12m")!;
    // a year back from 2024-03-01 is 2023-03-01; the 12 months before start on 2022-03-01
    expect(l12m).toEqual({
      id: "l12m",
      start: "2023-03-01",
      end: "2024-03-01",
      previous: {start: "2022-03-01", end: "2023-03-01"},
      lastYear: {start: "2022-03-01", end: "2023-03-01"}
    });
    expect(periods.find((p) => p.id === "all")).toEqual({
      id: "all",
      start: "2017-03-01",
      end: "2024-03-01",
      previous: null,
      lastYear: null
    });
  });

  it("compares a period with the same days before and one year earlier", () => {
    const [qtd, lq, ytd] = sitePeriods("2026-11-20T13:45:00Z", "2023-11-01");
    expect(qtd.previous).toEqual({start: "2026-07-01", end: "2026-08-21"});
    expect(qtd.lastYear).toEqual({start: "2025-10-01", end: "2025-11-21"});
    expect(lq.previous).toEqual({start: "2026-04-01", end: "2026-07-01"});
    expect(ytd.previous).toEqual({start: "2025-01-01", end: "2025-11-21"});
  });

  it("handles the turn of a year", () => {
    const [qtd, lq] = sitePeriods("2027-01-05T00:00:00Z", "2023-11-01");
    expect(qtd).toMatchObject({start: "2027-01-01", end: "2027-01-06"});
    expect(lq).toMatchObject({start: "2026-10-01", end: "2027-01-01"});
  });
});

describe("shift(period, months)", () => {
  it("keeps the day of the month, falling back to the shorter month's last day", () => {
    expect(shift({start: "2026-05-31", end: "2026-06-01"}, -3)).toEqual({start: "2026-02-28", end: "2026-03-01"});
    expect(shift({start: "2024-02-29", end: "2024-03-01"}, -12)).toEqual({start: "2023-02-28", end: "2023-03-01"});
  });
});
