import * as Plot from "@observablehq/plot";
import {labelMargin} from "./label-margin.js";
import {PALETTE} from "./palette.js";

/**
 * Quota attainment per rep, highest first, with a rule at 100 %: bars at or above the quota in blue,
 * below in orange. Rows: {key, label, href?, quota_attainment_rate, won_revenue}; rows without a quota are left out.
 */
export function repQuotaChart(rows, {width, t, fmt}) {
  const shown = rows
    .filter((d) => d.quota_attainment_rate !== null)
    .sort((a, b) => b.quota_attainment_rate - a.quota_attainment_rate);
  const labels = new Map(shown.map((d) => [d.key, d.label]));
  const met = (d) => (d.quota_attainment_rate >= 1 ? t("reps.quota.met") : t("reps.quota.below"));
  return Plot.plot({
    width,
    height: 40 + 30 * shown.length,
    marginLeft: labelMargin([...labels.values()]),
    marginRight: 48,
    x: {tickFormat: fmt.percent, grid: true, label: t("reps.axis.quota"), nice: true},
    y: {domain: shown.map((d) => d.key), tickFormat: (key) => labels.get(key), label: null},
    color: {domain: [t("reps.quota.met"), t("reps.quota.below")], range: [PALETTE[0], PALETTE[1]], legend: true},
    marks: [
      Plot.barX(shown, {
        y: "key",
        x: "quota_attainment_rate",
        fill: met,
        href: "href",
        title: (d) =>
          `${d.label}\n${fmt.percent(d.quota_attainment_rate)}\n${t("reps.col.wonRevenue")}: ${fmt.money(d.won_revenue)}`,
        tip: true
      }),
      Plot.text(shown, {
        y: "key",
        x: "quota_attainment_rate",
        text: (d) => fmt.percent(d.quota_attainment_rate),
        dx: 4,
        textAnchor: "start"
      }),
      Plot.ruleX([0]),
      Plot.ruleX([1], {stroke: "currentColor", strokeDasharray: "4,3"})
    ]
  });
}
