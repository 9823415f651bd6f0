import type {DuckDBConnection} from "@duckdb/node-api";
import {insert} from "./insert-rows.ts";

export const FOLLOW_UP_NOW = "2026-03-01T00:00:00Z";

/**
 * now = 2026-03-01T00:00:00Z, so today is 2026-03-01 and this week runs to 2026-03-07. Plan: first contact
 * 24 h, materials by day 5, second contact by day 10, check-in 14 days after the last touch; stale at 90
 * silent days or 60 days past the expected close. Due days worked out by hand:
 *
 * | opp | owner | created     | touches (c = contact, m = materials) | expected close | next step, due      | status
 * | A1  | R1    | 02-28 10:00 | none                                 |                | first contact 03-01 | today (500)
 * | A14 | R2    | 02-28 20:00 | none                                 |                | first contact 03-01 | today (900, first)
 * | A2  | R1    | 02-27 08:00 | c 02-27 12:00                        |                | materials 03-04     | week
 * | A3  | R2    | 02-10       | c 02-10 05:00, m 02-14, c 02-21      |                | check-in 03-07      | week (last day)
 * | A4  | R2    | 02-20       | c 02-20 06:00, m 02-23               |                | second contact 03-05| week
 * | A5  | R1    | 02-01       | c 02-01 03:00, m 02-04               |                | second due 02-14, 15 days late: check-in 02-18 | overdue
 * | A6  | R2    | 02-15       | none (silent 14 days)                |                | first contact 02-16, 13 days late | overdue
 * | A7  | R1    | 2025-10-01  | c 2025-11-15 (silent 106 days)       |                | check-in 2025-11-29 | stale, silent
 * | A8  | R2    | 01-10       | c 02-25                              | 2025-12-31 (60 days past) | materials 03-02 | stale, past close
 * | A9  | R1    | 02-20       | c 02-20 10:00, m 02-24, c 03-02 (after now) |         | second contact 03-06| week
 * | A10 | R2    | 02-25       | c 02-25 01:00, m 02-28, c 02-28 12:00|                | check-in 03-14      | later
 * | A12 | R1    | 02-26       | none                                 | 2026-01-01 (59 days past) | first contact 02-27 | overdue
 * | A13 | R2    | 2025-11-01  | c 2025-12-01 (silent exactly 90 days)|                | check-in 2025-12-15 | stale, silent
 * | W1  | R1    | 02-28       | none, but won                        |                | —                   | not listed
 */
export async function followUpFixture(connection: DuckDBConnection) {
  await insert(
    connection,
    "reps",
    ["rep_id", "name", "team", "region"],
    [
      ["R1", "Rep One", "A", "east"],
      ["R2", "Rep Two", "B", "south"]
    ]
  );
  await insert(
    connection,
    "opportunities",
    ["opportunity_id", "owner_rep_id", "source", "stage", "outcome", "amount", "created_at", "expected_close_at"],
    [
      ["A1", "R1", "web", "potential", "open", 500, "2026-02-28 10:00:00", null],
      ["A14", "R2", "web", "potential", "open", 900, "2026-02-28 20:00:00", null],
      ["A2", "R1", "web", "potential", "open", 300, "2026-02-27 08:00:00", null],
      ["A3", "R2", "web", "intent", "open", 200, "2026-02-10 00:00:00", null],
      ["A4", "R2", "web", "intent", "open", 400, "2026-02-20 00:00:00", null],
      ["A5", "R1", "web", "intent", "open", 1000, "2026-02-01 00:00:00", null],
      ["A6", "R2", "web", "potential", "open", 50, "2026-02-15 00:00:00", null],
      ["A7", "R1", "web", "intent", "open", 70, "2025-10-01 00:00:00", null],
      ["A8", "R2", "web", "negotiation", "open", 80, "2026-01-10 00:00:00", "2025-12-31"],
      ["A9", "R1", "web", "intent", "open", 90, "2026-02-20 00:00:00", null],
      ["A10", "R2", "web", "intent", "open", 100, "2026-02-25 00:00:00", null],
      ["A12", "R1", "web", "potential", "open", 60, "2026-02-26 00:00:00", "2026-01-01"],
      ["A13", "R2", "web", "intent", "open", 130, "2025-11-01 00:00:00", null]
    ]
  );
  await insert(
    connection,
    "opportunities",
    ["opportunity_id", "owner_rep_id", "source", "stage", "outcome", "amount", "created_at", "closed_at"],
    [["W1", "R1", "web", "won", "won", 999, "2026-02-28 00:00:00", "2026-02-28 12:00:00"]]
  );
  const activities: [string, string, string][] = [
    ["A2", "call", "2026-02-27 12:00:00"],
    ["A3", "call", "2026-02-10 05:00:00"],
    ["A3", "material_sent", "2026-02-14 00:00:00"],
    ["A3", "visit", "2026-02-21 00:00:00"],
    ["A4", "call", "2026-02-20 06:00:00"],
    ["A4", "material_sent", "2026-02-23 00:00:00"],
    ["A5", "call", "2026-02-01 03:00:00"],
    ["A5", "material_sent", "2026-02-04 00:00:00"],
    ["A7", "call", "2025-11-15 00:00:00"],
    ["A8", "email", "2026-02-25 00:00:00"],
    ["A9", "call", "2026-02-20 10:00:00"],
    ["A9", "material_sent", "2026-02-24 00:00:00"],
    ["A9", "call", "2026-03-02 00:00:00"],
    ["A10", "call", "2026-02-25 01:00:00"],
    ["A10", "material_sent", "2026-02-28 00:00:00"],
    ["A10", "meeting", "2026-02-28 12:00:00"],
    ["A13", "call", "2025-12-01 00:00:00"]
  ];
  await insert(
    connection,
    "activities",
    ["activity_id", "opportunity_id", "type", "occurred_at"],
    activities.map(([opportunity, type, at], i) => [`T${i + 1}`, opportunity, type, at])
  );
}
