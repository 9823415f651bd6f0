import {kpiTile} from "./page-parts.js";

/**
 * The forecast page's headline tiles: the one forecast of the quarter (the combined view, as on the
 * overview), the quarter's quota and the forecast's gap to it.
 */
export function quarterTiles(combined, quarter, t, fmt) {
  const gap = combined && quarter.quota !== null ? combined.combined_amount - quarter.quota : null;
  const signed = (x) => (x > 0 ? `+${fmt.moneyCompact(x)}` : fmt.moneyCompact(x));
  return [
    kpiTile({
      label: t("quarter.kpi.forecast"),
      ...fmt.moneyTile(combined?.combined_amount),
      note: combined
        ? t("quarter.kpi.forecastNote", {
            lower: fmt.moneyCompact(combined.lower_80),
            upper: fmt.moneyCompact(combined.upper_80),
            won: fmt.moneyCompact(combined.closed_to_date)
          })
        : null
    }),
    kpiTile({
      label: t("quarter.kpi.quota"),
      ...fmt.moneyTile(quarter.quota),
      note:
        quarter.quota === null
          ? t("quarter.kpi.noQuota")
          : t("quarter.kpi.quotaNote", {won: fmt.moneyCompact(quarter.won_to_date)})
    }),
    kpiTile({
      label: t("quarter.kpi.gap"),
      value: gap === null ? "—" : signed(gap),
      title: gap === null ? null : fmt.moneyExact(gap),
      note:
        gap === null ? null : t("quarter.kpi.gapNote", {share: fmt.percent(combined.combined_amount / quarter.quota)})
    })
  ];
}

/**
 * The rows of the forecast-category table: won so far, then commit, best case, pipeline and omitted, each
 * with the amount won plus every category up to it, and that total less the quota (none for omitted).
 */
export function categoryRows(quarter, t) {
  let cumulative = quarter.won_to_date;
  const gap = (amount) => (quarter.quota === null ? null : amount - quarter.quota);
  return [
    {
      category: t("quarter.category.won"),
      count_opportunities: null,
      amount: quarter.won_to_date,
      cumulative_amount: cumulative,
      gap_amount: gap(cumulative)
    },
    ...quarter.categories.map((row) => {
      // omitted deals are left out of the call: they add nothing
      if (row.category === "omitted")
        return {...row, category: t("quarter.category.omitted"), cumulative_amount: null, gap_amount: null};
      cumulative += row.amount;
      return {
        category: t(`quarter.category.${row.category}`),
        count_opportunities: row.count_opportunities,
        amount: row.amount,
        cumulative_amount: cumulative,
        gap_amount: gap(cumulative)
      };
    })
  ];
}
