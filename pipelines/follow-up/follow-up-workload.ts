import type {DueStatus, FollowUpActionRow} from "./follow-up-actions.ts";

export interface FollowUpWorkloadRow {
  /** the rep's id or the team; null for opportunities without one */
  key: string | null;
  n_overdue: number;
  n_today: number;
  n_week: number;
  n_stale: number;
  /** open amount of the overdue, due-today and due-this-week opportunities */
  amount_due: number;
}

/**
 * The follow-up work of each rep or team: how many open opportunities are overdue, due today, due this week
 * and stale (followUpActions). Grain: one row per owner_rep_id or team with any opportunity, most work due by
 * this week first, then the key.
 *
 * @example
 * followUpWorkload(rows, "team"); // [{key: "华东", n_overdue: 3, n_today: 1, n_week: 5, n_stale: 12, amount_due: 1830000}, …]
 */
export function followUpWorkload(rows: FollowUpActionRow[], by: "owner_rep_id" | "team"): FollowUpWorkloadRow[] {
  const groups = new Map<string | null, FollowUpWorkloadRow>();
  const counted: Partial<Record<DueStatus, "n_overdue" | "n_today" | "n_week" | "n_stale">> = {
    overdue: "n_overdue",
    today: "n_today",
    week: "n_week",
    stale: "n_stale"
  };
  for (const row of rows) {
    const key = row[by];
    let group = groups.get(key);
    if (!group) groups.set(key, (group = {key, n_overdue: 0, n_today: 0, n_week: 0, n_stale: 0, amount_due: 0}));
    const column = counted[row.due_status];
    if (column) group[column] += 1;
    if (column && column !== "n_stale") group.amount_due += row.amount ?? 0;
  }
  const due = (row: FollowUpWorkloadRow) => row.n_overdue + row.n_today + row.n_week;
  return [...groups.values()].sort((a, b) => due(b) - due(a) || String(a.key).localeCompare(String(b.key)));
}
