import * as Plot from "@observablehq/plot";
import {chartFigure} from "./chart-figure.js";
import {PALETTE} from "./palette.js";

const SHOWN = 24;
const EARLIER = "#999999";

/** The month `index` months after `first` ("2023-12-01"), as a UTC date at its first day (`day` to move within it). */
function monthDate(first, index, day = 1) {
  return new Date(Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)) - 1 + index, day));
}

/**
 * Won revenue by month over the last 24 months (bars) against the same month a year earlier (a dashed
 * line), from the overview's monthly series of TREND_MONTHS values ending with the current month.
 */
export function wonRevenueChart(months, {width, t, fmt}) {
  const n = months.won_revenue.length;
  const start = n - SHOWN;
  const thisYear = t("overview.chart.won.thisYear");
  const lastYear = t("overview.chart.won.lastYear");
  const rows = months.won_revenue.slice(start).map((value, i) => ({
    month: monthDate(months.first_month, start + i),
    middle: monthDate(months.first_month, start + i, 15),
    value,
    earlier: start + i >= 12 ? months.won_revenue[start + i - 12] : null
  }));
  const total = rows.reduce((sum, row) => sum + row.value, 0);
  const latest = rows[rows.length - 2];
  const monthText = (date) => fmt.month(date.toISOString());
  return overviewChart({
    title: t("overview.chart.won.title"),
    description: t("overview.chart.won.description", {
      total: fmt.moneyCompact(total),
      month: monthText(latest.month),
      latest: fmt.moneyCompact(latest.value),
      earlier: fmt.moneyCompact(latest.earlier)
    }),
    empty: total === 0 ? t("overview.chart.empty") : null,
    plot: Plot.plot({
      width,
      height: 280,
      marginLeft: 64,
      x: {type: "utc", label: null, tickFormat: fmt.monthTick, ticks: Math.max(2, Math.floor(width / 110))},
      y: {grid: true, label: t("overview.chart.won.y"), tickFormat: fmt.moneyCompact},
      color: {domain: [thisYear, lastYear], range: [PALETTE[0], EARLIER], legend: true},
      marks: [
        Plot.rectY(rows, {
          x: "month",
          interval: "month",
          y: "value",
          fill: () => thisYear,
          inset: 1,
          title: (d) =>
            `${monthText(d.month)}\n${thisYear}: ${fmt.money(d.value)}\n${lastYear}: ${fmt.money(d.earlier)}`,
          tip: true
        }),
        Plot.lineY(
          rows.filter((row) => row.earlier !== null),
          {x: "middle", y: "earlier", stroke: () => lastYear, strokeWidth: 2, strokeDasharray: "4 3"}
        ),
        Plot.ruleY([0])
      ]
    })
  });
}

/** New leads and new opportunities created per month over the last 24 months, one line each. */
export function newCountsChart(months, {width, t, fmt}) {
  const n = months.count_opportunities.length;
  const start = n - SHOWN;
  const leads = t("overview.chart.new.leads");
  const opportunities = t("overview.chart.new.opportunities");
  const hasLeads = months.count_leads.some((x) => x !== null);
  const rows = months.count_opportunities
    .slice(start)
    .flatMap((count, i) => [
      ...(hasLeads
        ? [{month: monthDate(months.first_month, start + i), series: leads, value: months.count_leads[start + i]}]
        : []),
      {month: monthDate(months.first_month, start + i), series: opportunities, value: count}
    ]);
  const total = (series) => rows.filter((r) => r.series === series).reduce((sum, r) => sum + r.value, 0);
  const latest = (series) => rows.filter((r) => r.series === series).at(-2)?.value ?? null;
  const monthText = (date) => fmt.month(date.toISOString());
  return overviewChart({
    title: t("overview.chart.new.title"),
    description: t("overview.chart.new.description", {
      leads: hasLeads ? fmt.count(total(leads)) : "—",
      opportunities: fmt.count(total(opportunities)),
      month: monthText(monthDate(months.first_month, n - 2)),
      latestLeads: fmt.count(latest(leads)),
      latestOpportunities: fmt.count(latest(opportunities))
    }),
    empty: total(opportunities) === 0 && total(leads) === 0 ? t("overview.chart.empty") : null,
    plot: Plot.plot({
      width,
      height: 240,
      marginLeft: 48,
      x: {type: "utc", label: null, tickFormat: fmt.monthTick, ticks: Math.max(2, Math.floor(width / 110))},
      y: {grid: true, label: t("overview.chart.new.y"), tickFormat: fmt.count},
      color: {domain: [leads, opportunities], range: [PALETTE[0], PALETTE[1]], legend: true},
      marks: [
        Plot.lineY(rows, {x: "month", y: "value", stroke: "series", strokeWidth: 2, marker: "dot"}),
        Plot.tip(
          rows,
          Plot.pointerX({
            x: "month",
            y: "value",
            title: (d) => `${monthText(d.month)}\n${d.series}: ${fmt.count(d.value)}`
          })
        ),
        Plot.ruleY([0])
      ]
    })
  });
}

/** A chartFigure the overview's print styles keep on one page. */
function overviewChart(options) {
  const figure = chartFigure(options);
  figure.classList.add("overview-chart");
  return figure;
}
