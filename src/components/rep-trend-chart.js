import * as Plot from "@observablehq/plot";
import {PALETTE} from "./palette.js";

/**
 * A rep's won revenue per month as bars (the months of `period` darker) with a tick at each month's
 * quota. Rows: {month: "YYYY-MM-01", count_won, won_revenue, quota}.
 */
export function repTrendChart(rows, {width, t, fmt, period}) {
  const inPeriod = (d) =>
    d.month >= period.start && d.month < period.end ? t("rep.trend.inPeriod") : t("rep.trend.other");
  const step = Math.max(1, Math.ceil((rows.length * 90) / Math.max(width, 1)));
  const quotas = rows.filter((d) => d.quota !== null);
  return Plot.plot({
    width,
    height: 280,
    marginLeft: 56,
    x: {
      type: "band",
      domain: rows.map((d) => d.month),
      ticks: rows.map((d) => d.month).filter((_, i) => i % step === 0),
      tickFormat: fmt.monthTick,
      label: null,
      padding: 0.15
    },
    y: {grid: true, tickFormat: fmt.moneyCompact, label: t("rep.trend.axis"), nice: true},
    color: {
      domain: [t("rep.trend.inPeriod"), t("rep.trend.other")],
      range: [PALETTE[0], "#a6c4dc"],
      legend: true
    },
    marks: [
      Plot.barY(rows, {
        x: "month",
        y: "won_revenue",
        fill: inPeriod,
        title: (d) =>
          [
            fmt.month(d.month),
            `${t("reps.col.wonRevenue")}: ${fmt.money(d.won_revenue)}`,
            `${t("reps.col.won")}: ${fmt.count(d.count_won)}`,
            `${t("rep.trend.quota")}: ${fmt.money(d.quota)}`
          ].join("\n"),
        tip: true
      }),
      Plot.tickY(quotas, {x: "month", y: "quota", stroke: PALETTE[1], strokeWidth: 2.5}),
      Plot.ruleY([0])
    ]
  });
}
