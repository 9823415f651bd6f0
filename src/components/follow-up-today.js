import {tableRows} from "./compact-table.js";
import {dataTable} from "./data-table.js";
import {pageHref} from "./filter-bar.js";
import {kpiTile} from "./page-parts.js";

const STATUSES = ["overdue", "today", "week", "stale"];
const WORKLOAD = ["n_overdue", "n_today", "n_week", "n_stale", "amount_due"];

/**
 * Today's follow-up list of one filter choice: how many follow-ups are overdue, due today, due this week and
 * stale (linking to the data-quality page), the list to act on by due day, then larger amount, each with its next
 * step and win probability (a phone shows the account, amount and probability first), then each team's and
 * rep's share of them.
 */
export function followUpToday(today, {t, fmt, filter, stageLabel, currency}) {
  const root = document.createElement("div");
  const tiles = root.appendChild(document.createElement("div"));
  tiles.className = "grid grid-cols-4";
  for (const status of STATUSES) {
    const {count, amount} = today.counts[status];
    tiles.append(
      kpiTile({
        label: t(`followUp.today.${status}`),
        value: fmt.count(count),
        note: t("followUp.today.amount", {amount: fmt.moneyCompact(amount)}),
        href: status === "stale" ? pageHref("./data-quality.html#stale", filter) : null
      })
    );
  }
  const actions = tableRows(today.actions);
  const due = today.counts.overdue.count + today.counts.today.count + today.counts.week.count;
  root.append(heading(t("followUp.today.list")));
  const list = root.appendChild(
    dataTable(
      actions.map((d) => ({
        ...d,
        stage: stageLabel(d.stage) ?? t("followUp.unknown"),
        next_step: t(`nextStep.${d.next_step}`),
        due_status: t(`followUp.today.${d.due_status}`)
      })),
      {
        columns: [
          "due_on",
          "next_step",
          "due_status",
          "opportunity_id",
          "account_name",
          "rep_name",
          "stage",
          "amount",
          "win_probability",
          "last_touch_at"
        ],
        header: {
          opportunity_id: t("followUp.col.opportunity"),
          due_on: t("followUp.col.due"),
          next_step: t("followUp.col.nextStep"),
          due_status: t("followUp.col.status"),
          account_name: t("followUp.col.account"),
          rep_name: t("followUp.col.rep"),
          stage: t("followUp.col.stage"),
          amount: t("followUp.col.amount"),
          win_probability: t("followUp.col.probability"),
          last_touch_at: t("followUp.col.lastTouch")
        },
        format: {
          due_on: (day) => fmt.day(day),
          amount: fmt.money,
          win_probability: fmt.percent,
          last_touch_at: (day) => (day ? fmt.day(day) : t("followUp.never"))
        },
        filename: "follow-ups-due",
        currency,
        phoneColumns: ["account_name", "amount", "win_probability", "next_step", "due_on"],
        rows: 25,
        t
      }
    )
  );
  list.classList.add("follow-ups-due");
  if (due > actions.length) {
    const more = root.appendChild(document.createElement("p"));
    more.className = "muted";
    more.textContent = t("followUp.today.more", {shown: fmt.count(actions.length), total: fmt.count(due)});
  }
  const workloadHeader = {
    team: t("followUp.col.team"),
    rep_name: t("followUp.col.rep"),
    n_overdue: t("followUp.today.overdue"),
    n_today: t("followUp.today.today"),
    n_week: t("followUp.today.week"),
    n_stale: t("followUp.today.stale"),
    amount_due: t("followUp.col.amountDue")
  };
  const teams = tableRows(today.workload_by_team);
  if (teams.length > 1) {
    root.append(heading(t("followUp.today.byTeam")));
    root.append(
      classed(
        "follow-ups-by-team",
        dataTable(
          teams.map((d) => ({...d, team: d.team ?? t("followUp.unknown")})),
          {
            columns: ["team", ...WORKLOAD],
            header: workloadHeader,
            format: {amount_due: fmt.money},
            filename: "follow-ups-by-team",
            currency,
            t
          }
        )
      )
    );
  }
  root.append(heading(t("followUp.today.byRep")));
  root.append(
    dataTable(
      tableRows(today.workload_by_rep).map((d) => ({
        ...d,
        rep_name: d.rep_name ?? t("followUp.noOwner"),
        team: d.team ?? t("followUp.unknown")
      })),
      {
        columns: ["rep_name", "team", ...WORKLOAD],
        header: workloadHeader,
        format: {amount_due: fmt.money},
        filename: "follow-ups-by-rep",
        currency,
        t
      }
    )
  );
  const reps = tableRows(today.workload_by_rep).length;
  if (today.n_reps > reps) {
    const more = root.appendChild(document.createElement("p"));
    more.className = "muted";
    more.textContent = t("followUp.today.moreReps", {shown: fmt.count(reps), total: fmt.count(today.n_reps)});
  }
  return root;
}

function classed(name, node) {
  node.classList.add(name);
  return node;
}

function heading(text) {
  return Object.assign(document.createElement("h3"), {textContent: text});
}
