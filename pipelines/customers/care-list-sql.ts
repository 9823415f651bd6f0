import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";
import {
  byAccountChoiceSql,
  byOpportunityChoiceSql,
  choiceColumn,
  EACH_CHOICE,
  type ChoiceScope
} from "../lib/slice-grid.ts";

/**
 * SQL of the care list's contact and account parts, as one query sorted like the list (date, then
 * visits before birthdays, then account and contact); holidays are added in TypeScript. Timestamps
 * are formatted in SQL (ISO, UTC), which spares converting hundreds of thousands of values in
 * JavaScript. Parameters: now, days, visit_days (with visits) and the filter's. Scoped to EACH_CHOICE (`filterSql`
 * "true"), its rows carry choice_index — a choice's contacts those of the accounts with a deal that passes it, its
 * customers those who bought in such a deal — and it runs after sliceGridSql's CTEs.
 */
export function careListSql(
  parts: {birthdays?: {contactScope: string}; visits?: {filterSql: string}},
  scope?: ChoiceScope
): string {
  if (!parts.birthdays && !parts.visits) throw new Error("careListSql requires birthdays, visits or both");
  const ctes = ["today AS (\n  SELECT $now::TIMESTAMP::DATE AS d\n)"];
  const selects: string[] = [];
  const choice = choiceColumn(scope);
  if (parts.birthdays) {
    ctes.push(birthdaysCtes(parts.birthdays.contactScope, scope));
    selects.push(`SELECT ${choice}'birthday' AS kind, 2 AS kind_order, date, days_until, contact_id, account_id,
    NULL::TIMESTAMP AS last_visit_at, NULL::INTEGER AS days_since_visit FROM birthdays`);
  }
  if (parts.visits) {
    ctes.push(visitsCtes(parts.visits.filterSql, scope));
    selects.push(`SELECT ${choice}'visit' AS kind, 1 AS kind_order, date, days_until, NULL::VARCHAR AS contact_id,
    account_id, last_visit_at, days_since_visit FROM visits_due`);
  }
  return `
WITH ${ctes.join(",\n")},
occasions AS (
  ${selects.join("\n  UNION ALL\n  ")}
),
final AS (
  SELECT ${choiceColumn(scope, "o")}o.kind, strftime(o.date, '%Y-%m-%d') AS date, o.days_until::INTEGER AS days_until, NULL AS holiday,
    o.contact_id, o.account_id, a.owner_rep_id, strftime(o.last_visit_at, '%Y-%m-%dT%H:%M:%SZ') AS last_visit_at,
    o.days_since_visit::INTEGER AS days_since_visit
  FROM occasions o LEFT JOIN accounts a ON a.account_id = o.account_id
  ORDER BY ${choiceColumn(scope, "o")}o.date, o.kind_order, o.account_id, o.contact_id
)
SELECT * FROM final`;
}

/**
 * Contacts whose birthday (MM-DD) falls in [today, today + days): the next occurrence is this year's
 * date, or next year's once it has passed (so late December looks into January); 02-29 is kept on
 * 02-28 in other years. Malformed birthdays are skipped. `contactScope` is a condition on the contact
 * `c` ("true", or its account has an opportunity matching the filters). Grain: one row per contact.
 */
function birthdaysCtes(contactScope: string, scope?: ChoiceScope): string {
  const each = scope === EACH_CHOICE;
  return `contact_days AS (
  SELECT ${choiceColumn(scope, "c")}c.contact_id, c.account_id,
    CAST(split_part(c.birthday, '-', 1) AS INTEGER) AS m, CAST(split_part(c.birthday, '-', 2) AS INTEGER) AS dd
  FROM ${each ? byAccountChoiceSql("contacts") : "contacts"} c
  -- a real month-day (2000 is a leap year, so 02-29 passes)
  WHERE length(c.birthday) = 5 AND try_strptime('2000-' || c.birthday, '%Y-%m-%d') IS NOT NULL
    AND ${each ? "true" : contactScope}
),
this_and_next AS (
  SELECT cd.*, t.d AS today,
    make_date(year(t.d), m, least(dd, day(last_day(make_date(year(t.d), m, 1))))) AS this_year,
    make_date(year(t.d) + 1, m, least(dd, day(last_day(make_date(year(t.d) + 1, m, 1))))) AS next_year
  FROM contact_days cd, today t
),
occurrences AS (
  SELECT ${choiceColumn(scope)}contact_id, account_id, today, CASE WHEN this_year >= today THEN this_year ELSE next_year END AS date
  FROM this_and_next
),
birthdays AS (
  SELECT ${choiceColumn(scope)}contact_id, account_id, date, date_diff('day', today, date) AS days_until
  FROM occurrences
  WHERE date_diff('day', today, date) < $days
)`;
}

/**
 * Customers (accounts with a won deal by now) due a periodic visit within the window: the last visit
 * activity (type visit, by now; linked to the account directly or through an opportunity) — or, never
 * visited, the first won deal's close — is `visit_days` or more days old by today + days. The date is
 * when the visit falls due, or today when it is already overdue. Grain: one row per account.
 */
function visitsCtes(filterSql: string, scope?: ChoiceScope): string {
  const each = scope === EACH_CHOICE;
  const choice = choiceColumn(scope);
  return `customers AS (
  SELECT ${choiceColumn(scope, "f")}f.account_id, min(f.closed_at) AS first_won_at
  FROM ${each ? byOpportunityChoiceSql(OPPORTUNITY_SCOPE) : OPPORTUNITY_SCOPE} f
  -- customers: accounts that have bought, from a deal matching the filters
  WHERE ${filterSql} AND f.outcome = 'won' AND f.account_id IS NOT NULL AND f.closed_at <= $now::TIMESTAMP
  GROUP BY ${choiceColumn(scope, "f")}f.account_id
),
visits AS (
  SELECT account_id, max(occurred_at) AS last_visit_at
  FROM (
    SELECT a.account_id, a.occurred_at
    FROM activities a
    WHERE a.type = 'visit' AND a.occurred_at <= $now::TIMESTAMP AND a.account_id IS NOT NULL
    UNION ALL
    -- a visit logged on an opportunity only belongs to the opportunity's account
    SELECT o.account_id, a.occurred_at
    FROM activities a JOIN opportunities o ON o.opportunity_id = a.opportunity_id
    WHERE a.type = 'visit' AND a.occurred_at <= $now::TIMESTAMP AND a.account_id IS NULL
  )
  GROUP BY account_id
),
due AS (
  SELECT ${choiceColumn(scope, "c")}c.account_id, v.last_visit_at, t.d AS today,
    CAST(coalesce(v.last_visit_at, c.first_won_at) AS DATE) + CAST($visit_days AS INTEGER) AS due_on
  FROM customers c CROSS JOIN today t LEFT JOIN visits v ON v.account_id = c.account_id
),
visits_due AS (
  SELECT ${choice}account_id, greatest(due_on, today) AS date, greatest(date_diff('day', today, due_on), 0) AS days_until,
    last_visit_at, date_diff('day', CAST(last_visit_at AS DATE), today) AS days_since_visit
  FROM due
  WHERE date_diff('day', today, due_on) < $days
)`;
}
