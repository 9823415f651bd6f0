import {channelLink} from "./channel-link.js";
import {rateIntervalText} from "./interval-text.js";
import {dataTable} from "./data-table.js";
import {deltaCell} from "./delta-cell.js";

/**
 * The channel-quality table: one row per channel, its name linking to the channel's page. Rows are the
 * loader's channel summaries; `links` = {slugs, filter, base}.
 */
export function channelQualityTable(rows, {links, t, fmt}) {
  const columns = [
    "source",
    "count_leads",
    "lead_to_opportunity_rate",
    "count_duplicate_leads",
    "count_opportunities",
    "count_won",
    "count_lost",
    "win_rate",
    "won_revenue",
    "revenue_per_lead",
    "average_won_deal",
    "median_cycle_days"
  ].filter((c) => rows.some((row) => row[c] !== null && row[c] !== undefined) || c === "source");
  return dataTable(rows, {
    columns,
    header: headers(t),
    format: {
      source: (source) => channelLink(source, {...links, t}),
      count_leads: fmt.count,
      lead_to_opportunity_rate: (rate, i, data) =>
        rateIntervalText(rate, data[i].lead_to_opportunity_rate_lower, data[i].lead_to_opportunity_rate_upper, fmt),
      count_duplicate_leads: fmt.count,
      count_opportunities: fmt.count,
      count_won: fmt.count,
      count_lost: fmt.count,
      win_rate: (rate, i, data) => rateIntervalText(rate, data[i].win_rate_lower, data[i].win_rate_upper, fmt),
      won_revenue: fmt.money,
      revenue_per_lead: fmt.money,
      average_won_deal: fmt.money,
      median_cycle_days: fmt.days
    },
    filename: "channel-quality",
    rows: 12,
    t
  });
}

/** Cost and return per channel with spend: cost, cost per lead and per won deal, gross margin, ROI, payback. */
export function channelCostTable(rows, {links, t, fmt}) {
  return dataTable(rows, {
    columns: [
      "source",
      "cost",
      "count_leads",
      "cost_per_lead",
      "count_won",
      "cost_per_won_deal",
      "won_gross_margin",
      "roi",
      "payback_months"
    ],
    header: headers(t),
    format: {
      source: (source) => channelLink(source, {...links, t}),
      cost: fmt.money,
      count_leads: fmt.count,
      cost_per_lead: fmt.money,
      count_won: fmt.count,
      cost_per_won_deal: fmt.money,
      won_gross_margin: fmt.money,
      roi: deltaCell(fmt.signedPercent),
      payback_months: fmt.decimal(2)
    },
    filename: "channel-cost",
    rows: 12,
    t
  });
}

/** Campaigns: leads, conversion, deals, win rate with its interval, won revenue. `withChannel` adds the channel column. */
export function channelCampaignTable(rows, {links, withChannel = true, t, fmt}) {
  const data = rows.map((row) => ({...row, campaign: row.campaign ?? t("channels.noCampaign")}));
  return dataTable(data, {
    columns: [
      ...(withChannel ? ["source"] : []),
      "campaign",
      "count_leads",
      "lead_to_opportunity_rate",
      "count_opportunities",
      "count_won",
      "count_lost",
      "win_rate",
      "won_revenue"
    ],
    header: {...headers(t), lead_to_opportunity_rate: t("channels.col.conversionRate")},
    format: {
      source: (source) => channelLink(source, {...links, t}),
      count_leads: fmt.count,
      lead_to_opportunity_rate: fmt.percent,
      count_opportunities: fmt.count,
      count_won: fmt.count,
      count_lost: fmt.count,
      win_rate: (rate, i, d) => rateIntervalText(rate, d[i].win_rate_lower, d[i].win_rate_upper, fmt),
      won_revenue: fmt.money
    },
    filename: "campaigns",
    rows: 15,
    t
  });
}

function headers(t) {
  const keys = {
    source: "channel",
    campaign: "campaign",
    count_leads: "leads",
    lead_to_opportunity_rate: "conversion",
    count_duplicate_leads: "duplicates",
    count_opportunities: "opportunities",
    count_won: "won",
    count_lost: "lost",
    win_rate: "winRate",
    won_revenue: "wonRevenue",
    revenue_per_lead: "revenuePerLead",
    average_won_deal: "averageDeal",
    median_cycle_days: "cycleDays",
    cost: "cost",
    cost_per_lead: "costPerLead",
    cost_per_won_deal: "costPerWonDeal",
    won_gross_margin: "grossMargin",
    roi: "roi",
    payback_months: "paybackMonths"
  };
  return Object.fromEntries(Object.entries(keys).map(([column, key]) => [column, t(`channels.col.${key}`)]));
}

/**
 * Per channel, the figures the cube sums for any filter (channelCubeRows): deals created, won and lost, win rate,
 * won revenue, average won deal and average cycle, without the intervals and medians that need the deals.
 */
export function channelCubeTable(rows, {links, t, fmt}) {
  return dataTable(rows, {
    columns: [
      "source",
      "count_opportunities",
      "count_won",
      "count_lost",
      "win_rate",
      "won_revenue",
      "average_won_deal",
      "average_cycle_days"
    ],
    header: {
      ...headers(t),
      win_rate: t("channels.col.winRateOnly"),
      average_cycle_days: t("channels.col.averageCycleDays")
    },
    format: {
      source: (source) => channelLink(source, {...links, t}),
      count_opportunities: fmt.count,
      count_won: fmt.count,
      count_lost: fmt.count,
      win_rate: fmt.percent,
      won_revenue: fmt.money,
      average_won_deal: fmt.money,
      average_cycle_days: fmt.days
    },
    filename: "channel-figures",
    rows: 12,
    t
  });
}
