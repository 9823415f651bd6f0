import * as Plot from "@observablehq/plot";
import {midMonth, nextMonth, periodBand, utcDay} from "./forecast-dates.js";
import {PALETTE} from "./palette.js";

const MODELS = ["as_shown", "naive", "seasonal_naive"];

/**
 * The backtest month by month: what was won (grey bars) and what the forecast as shown and both baselines had
 * forecast for it one month earlier (dots and lines), the selected period shaded.
 */
export function forecastBacktestChart(rows, {width, site, filter, t, fmt}) {
  const name = (model) => t(`forecast.modelShort.${model}`);
  const points = rows.flatMap((d) =>
    MODELS.filter((m) => d[m] !== null).map((m) => ({month: d.target_month, model: name(m), amount: d[m]}))
  );
  return Plot.plot({
    width,
    height: 280,
    marginLeft: 64,
    x: {
      type: "utc",
      label: null,
      tickFormat: fmt.monthTick,
      domain: [utcDay(rows[0].target_month), nextMonth(rows.at(-1).target_month)]
    },
    y: {grid: true, label: t("forecast.axis.revenue"), tickFormat: fmt.moneyCompact, zero: true},
    color: {domain: MODELS.map(name), range: [PALETTE[0], PALETTE[5], PALETTE[2]], legend: true},
    marks: [
      periodBand(site, filter),
      Plot.rectY(rows, {
        x: (d) => utcDay(d.target_month),
        interval: "month",
        y: "actual_amount",
        fill: "#bbbbbb",
        inset: 2,
        tip: true,
        title: (d) => `${fmt.month(d.target_month)}\n${t("forecast.col.actual")}: ${fmt.money(d.actual_amount)}`
      }),
      Plot.line(points, {x: (d) => midMonth(d.month), y: "amount", stroke: "model", strokeWidth: 1.5}),
      Plot.dot(points, {
        x: (d) => midMonth(d.month),
        y: "amount",
        fill: "model",
        r: 3,
        tip: true,
        title: (d) => `${fmt.month(d.month)}\n${d.model}: ${fmt.money(d.amount)}`
      }),
      Plot.ruleY([0])
    ]
  });
}
