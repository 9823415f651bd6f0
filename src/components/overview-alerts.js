import {channelName} from "./channel-link.js";
import {pageHref} from "./filter-bar.js";
import {emptyState} from "./page-parts.js";
import {stageLabeler} from "./stage-label.js";

/**
 * The overview's seven alerts, each a card: a title linking to the page with the full list, how many there
 * are, at most five items (none for the money alerts: a count and an amount) and the link again in words. Names come from exports and are set as text.
 */
export function overviewAlerts(slice, now, site, filter, t, fmt) {
  const stage = stageLabeler(site.locale);
  const opportunity = (row) => row.account_name ?? t("overview.unnamed", {id: row.opportunity_id});
  const amountOf = (x) => fmt.moneyCompact(x);
  const period = site.periods.find((p) => p.id === filter.period);
  return [
    alertCard({
      title: t("overview.alert.stuck"),
      page: "opportunities",
      filter,
      t,
      missing: now.stuck.missing,
      count: now.stuck.count,
      summary: () =>
        t("overview.alert.stuck.summary", {count: fmt.count(now.stuck.count), amount: amountOf(now.stuck.amount)}),
      items: now.stuck.rows.map((row) => ({
        text: t("overview.alert.stuck.item", {
          name: opportunity(row),
          stage: stage(row.stage),
          amount: amountOf(row.amount),
          days: fmt.count(row.days)
        })
      }))
    }),
    alertCard({
      title: t("overview.alert.overdue"),
      page: "follow-up",
      filter,
      t,
      missing: now.overdue.missing,
      count: now.overdue.count,
      summary: () =>
        t("overview.alert.overdue.summary", {
          count: fmt.count(now.overdue.count),
          amount: amountOf(now.overdue.amount)
        }),
      items: now.overdue.rows.map((row) => ({
        text: t("overview.alert.overdue.item", {
          name: opportunity(row),
          stage: stage(row.stage),
          amount: amountOf(row.amount),
          due: t("nextStep.due", {step: t(`nextStep.${row.next_step}`), day: fmt.day(row.due_on)})
        })
      })),
      footnote: now.overdue.stale
        ? {
            text: t("overview.alert.overdue.stale", {count: fmt.count(now.overdue.stale)}),
            href: pageHref("./data-quality.html#stale", filter)
          }
        : null
    }),
    alertCard({
      title: t("overview.alert.channels"),
      page: "channels",
      filter,
      t,
      missing: [],
      count: slice.channel_drops.count,
      note: period.previous === null ? t("overview.alert.channels.noPrevious") : null,
      summary: () =>
        t("overview.alert.channels.summary", {
          count: fmt.count(slice.channel_drops.count),
          previous: `${fmt.day(period.previous.start)} – ${fmt.day(lastDay(period.previous.end))}`
        }),
      items: slice.channel_drops.rows.map((row) => ({
        text: t("overview.alert.channels.item", {
          channel: channelName(row.source, t),
          metric: t(row.metric === "win_rate" ? "overview.alert.channels.winRate" : "overview.alert.channels.leadRate"),
          rate: fmt.percent(row.rate),
          previous: fmt.percent(row.previous_rate)
        }),
        href: row.channel_path ? pageHref(`./${row.channel_path}`, filter) : null
      }))
    }),
    alertCard({
      title: t("overview.alert.reps"),
      page: "reps",
      filter,
      t,
      missing: slice.missing.filter((table) => table === "quotas" || table === "reps"),
      count: slice.reps_below_plan.count,
      note: slice.reps_below_plan.count === null ? t("overview.alert.reps.channel") : null,
      summary: () => t("overview.alert.reps.summary", {count: fmt.count(slice.reps_below_plan.count)}),
      items: slice.reps_below_plan.rows.map((row) => ({
        text: t("overview.alert.reps.item", {
          name: row.rep_name ?? row.rep_id,
          team: row.team ?? "—",
          rate: fmt.percent(row.quota_attainment_rate),
          won: amountOf(row.won_revenue),
          quota: amountOf(row.quota)
        }),
        href: row.rep_path ? pageHref(`./${row.rep_path}`, filter) : null
      }))
    }),
    alertCard({
      title: t("overview.alert.complaints"),
      page: "service",
      filter,
      t,
      missing: now.complaints.missing,
      count: now.complaints.count,
      summary: () => t("overview.alert.complaints.summary", {count: fmt.count(now.complaints.count)}),
      items: now.complaints.rows.map((row) => ({
        text: t("overview.alert.complaints.item", {
          name: row.account_name ?? t("overview.unnamedAccount", {id: row.account_id}),
          complaints: fmt.count(row.n_open_complaints),
          days: fmt.count(row.days_open),
          deals: fmt.count(row.n_open_opportunities),
          amount: amountOf(row.open_amount)
        })
      }))
    }),
    alertCard({
      title: t("overview.alert.receivables"),
      page: "collections",
      filter,
      t,
      missing: now.receivables.missing,
      count: now.receivables.count,
      summary: () =>
        t("overview.alert.receivables.summary", {
          count: fmt.count(now.receivables.count),
          amount: amountOf(now.receivables.amount)
        }),
      items: []
    }),
    alertCard({
      title: t("overview.alert.discounts"),
      page: "collections",
      filter,
      t,
      missing: now.discounts.missing,
      count: now.discounts.count,
      summary: () =>
        t("overview.alert.discounts.summary", {
          count: fmt.count(now.discounts.count),
          amount: amountOf(now.discounts.amount),
          usual: fmt.percent(now.discounts.usual_discount)
        }),
      items: []
    })
  ];
}

function alertCard({title, page, filter, t, missing, count, note = null, summary, items, footnote = null}) {
  const href = pageHref(`./${page}.html`, filter);
  const card = element("section", "card overview-alert");
  const heading = card.appendChild(element("h3"));
  heading.appendChild(element("a", null, title)).href = href;
  if (missing.length) {
    card.append(emptyState(t, missing));
  } else if (note) {
    card.append(element("p", "muted", note));
  } else if (!count) {
    card.append(element("p", "muted", t("overview.alert.none")));
  } else {
    card.append(element("p", null, summary()));
    const list = element("ol");
    for (const item of items) {
      const entry = list.appendChild(element("li"));
      if (item.href) entry.appendChild(element("a", null, item.text)).href = item.href;
      else entry.textContent = item.text;
    }
    if (items.length) card.append(list);
  }
  if (footnote && !missing.length)
    card.appendChild(element("p", "muted")).appendChild(element("a", null, footnote.text)).href = footnote.href;
  const more = card.appendChild(element("p", "overview-alert-more"));
  more.appendChild(element("a", null, t("overview.alert.more", {page: t(`nav.${page}`)}))).href = href;
  return card;
}

function element(tag, className = null, text = null) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== null) node.textContent = text;
  return node;
}

function lastDay(end) {
  const day = new Date(`${end}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString();
}
