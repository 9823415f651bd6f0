import {pageHref} from "./filter-bar.js";
import {kpiTile} from "./page-parts.js";

/**
 * The overview's headline tiles for the chosen period: won revenue, win rate, new leads and new
 * opportunities, each against the previous period and the same period a year earlier (one line when the
 * two are the same days, as for year to date); then average deal size and sales cycle.
 */
export function periodTiles(slice, site, filter, t, fmt) {
  const period = site.periods.find((p) => p.id === filter.period);
  // all time is compared with nothing
  const samePeriods =
    period.previous === null ||
    (period.previous.start === period.lastYear.start && period.previous.end === period.lastYear.end);
  const compared = [
    ...(samePeriods ? [] : [["previous", t("compare.previous")]]),
    ...(period.lastYear === null ? [] : [["last_year", t("compare.lastYear")]])
  ];
  const {current} = slice;
  const relative = (f) => compared.map(([key, label]) => relativeChange(f(current), f(slice[key]), label, fmt));
  const points = (f) => compared.map(([key, label]) => pointsChange(f(current), f(slice[key]), label, t, fmt));
  const closed = current.count_won + current.count_lost;
  return [
    kpiTile({
      label: t("overview.kpi.wonRevenue"),
      ...fmt.moneyTile(current.won_revenue),
      changes: relative((k) => k.won_revenue),
      href: pageHref("./reps.html", filter),
      note: t("overview.kpi.wonRevenue.note", {count: fmt.count(current.count_won)})
    }),
    kpiTile({
      label: t("overview.kpi.winRate"),
      value: fmt.percent(current.win_rate),
      changes: points((k) => k.win_rate),
      href: pageHref("./funnel.html", filter),
      note: t("overview.kpi.winRate.note", {won: fmt.count(current.count_won), closed: fmt.count(closed)})
    }),
    kpiTile({
      label: t("overview.kpi.leads"),
      value: fmt.count(current.count_leads),
      changes: current.count_leads === null ? [] : relative((k) => k.count_leads),
      href: pageHref("./channels.html", filter),
      note: current.count_leads === null ? t("overview.kpi.leads.none") : null
    }),
    kpiTile({
      label: t("overview.kpi.opportunities"),
      value: fmt.count(current.count_opportunities),
      changes: relative((k) => k.count_opportunities),
      href: pageHref("./funnel.html", filter)
    }),
    kpiTile({
      label: t("overview.kpi.avgDeal"),
      ...fmt.moneyTile(slice.deals.avg_won_amount),
      href: pageHref("./channels.html", filter),
      note: t("overview.kpi.avgDeal.note")
    }),
    kpiTile({
      label: t("overview.kpi.cycle"),
      value:
        slice.deals.avg_cycle_days === null
          ? "—"
          : t("overview.kpi.cycle.value", {days: fmt.days(slice.deals.avg_cycle_days)}),
      href: `${pageHref("./pipeline.html", filter)}#velocity`,
      note: t("overview.kpi.cycle.note")
    })
  ];
}

/**
 * The tiles that hold today: open and weighted pipeline (against three months and a year ago), coverage
 * of the quarter's remaining quota and the combined forecast of the quarter with its 80 % interval and
 * the part of it already won.
 */
export function nowTiles(now, filter, t, fmt) {
  const ago = [
    ["pipeline_quarter_ago", t("overview.change.quarterAgo")],
    ["pipeline_year_ago", t("overview.change.yearAgo")]
  ];
  const pipelineChanges = (key) =>
    ago.map(([then, label]) => relativeChange(now.pipeline[key], now[then][key], label, fmt));
  const {coverage, forecast} = now;
  const ratio = (x) => (x === null ? "—" : t("overview.ratio", {value: fmt.decimal(1)(x)}));
  const quotaMet = coverage.remaining_quota !== null && coverage.remaining_quota <= 0;
  return [
    kpiTile({
      label: t("overview.kpi.openPipeline"),
      ...fmt.moneyTile(now.pipeline.open_amount),
      changes: pipelineChanges("open_amount"),
      href: pageHref("./pipeline.html", filter),
      note: t("overview.kpi.openPipeline.note", {count: fmt.count(now.pipeline.count_open)})
    }),
    kpiTile({
      label: t("overview.kpi.weightedPipeline"),
      ...fmt.moneyTile(now.pipeline.weighted_amount),
      changes: pipelineChanges("weighted_amount"),
      href: pageHref("./pipeline.html", filter),
      note: t("overview.kpi.weightedPipeline.note")
    }),
    kpiTile({
      label: t("overview.kpi.coverage"),
      value: quotaMet ? t("overview.kpi.coverage.met") : ratio(coverage.coverage_ratio),
      // quarter to date is the period whose coverage the pipeline page shows for this quarter
      href: `${pageHref("./pipeline.html", {...filter, period: "qtd"})}#coverage`,
      note: quotaMet
        ? t("overview.kpi.coverage.metNote")
        : coverage.remaining_quota === null
          ? t("overview.kpi.coverage.noQuota")
          : t("overview.kpi.coverage.note", {
              open: fmt.moneyCompact(coverage.open_due_amount),
              remaining: fmt.moneyCompact(coverage.remaining_quota),
              weighted: ratio(coverage.weighted_coverage_ratio)
            })
    }),
    kpiTile({
      label: t("overview.kpi.forecast"),
      ...fmt.moneyTile(forecast?.combined_amount),
      changes: forecast
        ? [
            relativeChange(
              forecast.combined_amount,
              forecast.previous_quarter_won,
              t("overview.change.previousQuarterWon"),
              fmt
            ),
            relativeChange(
              forecast.combined_amount,
              forecast.last_year_quarter_won,
              t("overview.change.lastYearQuarterWon"),
              fmt
            )
          ]
        : [],
      href: pageHref("./forecast.html", filter),
      note: forecast
        ? t("overview.kpi.forecast.note", {
            lower: fmt.moneyCompact(forecast.lower_80),
            upper: fmt.moneyCompact(forecast.upper_80),
            won: fmt.moneyCompact(forecast.closed_to_date)
          })
        : null
    })
  ];
}

function relativeChange(current, before, label, fmt) {
  if (current === null || current === undefined || !before) return {label, text: "—", direction: null};
  const change = (current - before) / before;
  return {label, text: `${arrow(change)}${fmt.signedPercent(change)}`, direction: direction(change)};
}

function pointsChange(current, before, label, t, fmt) {
  if (current === null || before === null) return {label, text: "—", direction: null};
  const change = current - before;
  return {
    label,
    text: `${arrow(change)}${t("overview.points", {value: fmt.points(change)})}`,
    direction: direction(change)
  };
}

function direction(change) {
  return change > 0 ? "up" : change < 0 ? "down" : null;
}

function arrow(change) {
  return change > 0 ? "▲ " : change < 0 ? "▼ " : "";
}
