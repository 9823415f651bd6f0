import {expect} from "vitest";
import {csv, OPPORTUNITY_HEADER, type HostileCase} from "../hostile-case.ts";

const STAGES = "(potential, intent, negotiation, won, lost)";
const unknownStage = (label: string) =>
  `"${label}" is not in the stage model ${STAGES}; map it under "stages" in a mapping file`;
/** How the reason of a value set aside ends: its row is loaded, that value missing. */
const WITHOUT_IT = "; the row is loaded without it";
const OPPORTUNITIES = csv(
  "opportunity_id,account_id,owner_rep_id,stage,amount,created_at",
  "o1,A1,R1,won,100,2024-01-05",
  "o2,A2,R1,intent,200,2024-02-05"
);
const HISTORY_HEADER = "opportunity_id,stage,entered_at";

/** Rows that read well one by one but break the sales model: stages, order in time, references. */
export const MODEL_CASES: HostileCase[] = [
  {
    // an opportunity's stage is not part of its key: a label no stage knows is set aside, the row loaded without it
    name: "stage labels the stage model does not know",
    files: {
      "opportunities.csv": csv(
        OPPORTUNITY_HEADER,
        "o1,A,Pending Approval,100,2024-01-05",
        "o2,B,暂停,100,2024-01-05",
        "o3,C,  WON ,100,2024-01-05",
        "o4,D,Closed Won,100,2024-01-05",
        "o5,E,成交\u3000,100,2024-01-05",
        "o6,F,closedwon,100,2024-01-05"
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 6,
        setAside: [
          [2, "unknown_stage", "stage", unknownStage("Pending Approval") + WITHOUT_IT],
          [3, "unknown_stage", "stage", unknownStage("暂停") + WITHOUT_IT]
        ]
      }
    },
    check: async (query) =>
      expect(
        (await query("SELECT stage, outcome FROM opportunities ORDER BY _line")).map((r) => `${r.stage} ${r.outcome}`)
      ).toEqual(["null null", "null null", "won won", "won won", "won won", "won won"])
  },
  {
    name: "stage labels a mapping file maps",
    files: {
      "negocios.csv": csv(
        OPPORTUNITY_HEADER,
        "o1,A,Prospeção,100,2024-01-05",
        "o2,B,Ganho,100,2024-01-05",
        "o3,C,Pausado,100,2024-01-05"
      )
    },
    mapping: {
      files: {"negocios.csv": {entity: "opportunities", columns: {}}},
      stages: {Prospeção: "potential", Ganho: "won"}
    },
    expect: {
      "negocios.csv": {loaded: 3, setAside: [[4, "unknown_stage", "stage", unknownStage("Pausado") + WITHOUT_IT]]}
    },
    check: async (query) =>
      expect((await query("SELECT stage FROM opportunities ORDER BY _line")).map((r) => r.stage)).toEqual([
        "potential",
        "won",
        null
      ])
  },
  {
    name: "an opportunity closed before it was created",
    files: {
      "opportunities.csv": csv(
        "opportunity_id,stage,created_at,closed_at",
        "o1,won,2024-03-01,2024-02-01",
        "o2,won,2024-03-01 18:00:00,2024-03-01 09:00:00",
        "o3,won,2024-03-01,2024-03-05"
      )
    },
    // the same day counts as in order: times of day are often missing from one of the two. Which of the two dates
    // is wrong cannot be told, so both load as exported, and the row is flagged
    expect: {
      "opportunities.csv": {
        loaded: 3,
        setAside: [
          [2, "time_order", "closed_at", "closed_at 2024-02-01 is before created_at 2024-03-01; loaded as exported"]
        ]
      }
    },
    check: async (query) =>
      expect(
        await query(
          "SELECT opportunity_id AS id, created_at::VARCHAR AS created, closed_at::VARCHAR AS closed FROM opportunities ORDER BY _line"
        )
      ).toEqual([
        {id: "o1", created: "2024-03-01 00:00:00", closed: "2024-02-01 00:00:00"},
        {id: "o2", created: "2024-03-01 18:00:00", closed: "2024-03-01 09:00:00"},
        {id: "o3", created: "2024-03-01 00:00:00", closed: "2024-03-05 00:00:00"}
      ])
  },
  {
    // the stage is the one the pipeline counts by: a closed stage decides the outcome, the exported one is set aside
    name: "an outcome that contradicts the stage",
    files: {
      "opportunities.csv": csv(
        "opportunity_id,stage,outcome,created_at",
        "o1,won,lost,2024-01-05",
        "o2,lost,lost,2024-01-05",
        "o3,intent,won,2024-01-05"
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 3,
        setAside: [
          [
            2,
            "outcome_conflict",
            "outcome",
            'outcome "lost" contradicts stage "won"; the outcome is taken from the stage'
          ]
        ]
      }
    },
    check: async (query) =>
      expect(
        await query("SELECT opportunity_id AS id, stage, outcome FROM opportunities WHERE _line <= 3 ORDER BY _line")
      ).toEqual([
        {id: "o1", stage: "won", outcome: "won"},
        {id: "o2", stage: "lost", outcome: "lost"}
      ])
  },
  {
    name: "the same opportunity twice in one export",
    files: {
      "opportunities.csv": csv(
        OPPORTUNITY_HEADER,
        "o1,A,intent,100,2024-01-05",
        "o2,B,intent,100,2024-01-05",
        "o1,A again,won,300,2024-01-06"
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 2,
        rejectedRows: [[4, "duplicate_key", "opportunity_id", 'duplicate opportunity_id "o1" (first on line 2)']]
      }
    }
  },
  {
    // the repeat is rejected for its key alone: a row that is not loaded has no values set aside
    name: "the same opportunity twice, the repeat with values of its own to set aside",
    files: {
      "opportunities.csv": csv(OPPORTUNITY_HEADER, "o1,A,intent,100,2024-01-05", "o1,A again,Pending,n/a,")
    },
    expect: {
      "opportunities.csv": {
        loaded: 1,
        rejectedRows: [[3, "duplicate_key", "opportunity_id", 'duplicate opportunity_id "o1" (first on line 2)']]
      }
    },
    check: async (query) =>
      expect(
        await query("SELECT opportunity_id AS id, name, stage, amount::VARCHAR AS amount, _line FROM opportunities")
      ).toEqual([{id: "o1", name: "A", stage: "intent", amount: "100.00", _line: 2}])
  },
  {
    // a close date outside 1900–2100 is set aside, so the row loads with no close date at all: there is no order
    // of two dates left to flag
    name: "an opportunity closed before it was created, on a date out of range",
    files: {
      "opportunities.csv": csv(
        "opportunity_id,stage,created_at,closed_at",
        "o1,lost,2024-03-01,1899-12-31",
        "o2,lost,2024-03-01,2024-03-02"
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 2,
        setAside: [[2, "date_out_of_range", "closed_at", `"1899-12-31" is outside 1900–2100${WITHOUT_IT}`]]
      }
    },
    check: async (query) =>
      expect(
        await query("SELECT opportunity_id AS id, closed_at::VARCHAR AS closed FROM opportunities ORDER BY _line")
      ).toEqual([
        {id: "o1", closed: null},
        {id: "o2", closed: "2024-03-02 00:00:00"}
      ])
  },
  {
    // a channel and a month make the key of a month's spend: one missing, unreadable or out of range rejects the
    // row, as does a repeat (2024/1 is the month 2024-01); a cost that is missing or unreadable is set aside
    name: "marketing spend with keys and costs missing, unreadable and repeated",
    files: {
      "marketing_spend.csv": csv(
        "channel,month,cost",
        "web,2024-01,1000",
        "web,2024-13,500",
        ",2024-02,300",
        "web,2024-02,n/a",
        "web,2024-03,",
        "web,1899-12,100",
        "web,2024/1,200"
      )
    },
    expect: {
      "marketing_spend.csv": {
        loaded: 3,
        rejectedRows: [
          [3, "invalid_date", "month", '"2024-13" is not a month'],
          [4, "missing_required", "channel", "missing channel"],
          [7, "date_out_of_range", "month", '"1899-12" is outside 1900–2100'],
          [8, "duplicate_key", "channel", 'duplicate channel, month "web, 2024-01-01" (first on line 2)']
        ],
        setAside: [
          [5, "invalid_amount", "cost", `"n/a" is not an amount${WITHOUT_IT}`],
          [6, "missing_required", "cost", `missing cost${WITHOUT_IT}`]
        ]
      }
    },
    check: async (query) =>
      expect(
        await query(
          "SELECT channel, month::VARCHAR AS month, cost::VARCHAR AS cost, _line FROM marketing_spend ORDER BY _line"
        )
      ).toEqual([
        {channel: "web", month: "2024-01-01", cost: "1000.00", _line: 2},
        {channel: "web", month: "2024-02-01", cost: null, _line: 5},
        {channel: "web", month: "2024-03-01", cost: null, _line: 6}
      ])
  },
  {
    // the order of the rows says nothing: each change is a fact with its own time
    name: "stage history out of order",
    files: {
      "opportunities.csv": OPPORTUNITIES,
      "stage_history.csv": csv(
        HISTORY_HEADER,
        "o1,won,2024-03-01",
        "o1,potential,2024-01-05",
        "o1,negotiation,2024-02-20",
        "o1,intent,2024-02-01"
      )
    },
    expect: {"opportunities.csv": {loaded: 2}, "stage_history.csv": {loaded: 4}},
    check: async (query) =>
      expect((await query("SELECT stage FROM stage_history ORDER BY entered_at")).map((r) => r.stage)).toEqual([
        "potential",
        "intent",
        "negotiation",
        "won"
      ])
  },
  {
    // kept and reported: dropping them would change every count that uses the history
    name: "stage history for opportunities not in the export",
    files: {
      "opportunities.csv": OPPORTUNITIES,
      "stage_history.csv": csv(HISTORY_HEADER, "o1,won,2024-03-01", "ghost,intent,2024-02-01", "o404,won,2024-02-01")
    },
    expect: {"opportunities.csv": {loaded: 2}, "stage_history.csv": {loaded: 3}},
    check: async (_, result) =>
      expect(result.references.find((r) => r.table === "stage_history")).toMatchObject({
        column: "opportunity_id",
        references: "opportunities",
        orphans: 2
      })
  },
  {
    // an opportunity, a stage and a time make a history row's key: one unknown or unreadable rejects the row
    name: "stage history with repeated and unknown entries",
    files: {
      "stage_history.csv": csv(
        HISTORY_HEADER,
        "o1,intent,2024-02-01",
        "o1,intent,2024-02-01",
        "o1,On Hold,2024-02-10",
        "o1,won,not yet"
      )
    },
    expect: {
      "stage_history.csv": {
        loaded: 1,
        rejectedRows: [
          [
            3,
            "duplicate_key",
            "opportunity_id",
            'duplicate opportunity_id, stage, entered_at "o1, intent, 2024-02-01 00:00:00" (first on line 2)'
          ],
          [4, "unknown_stage", "stage", unknownStage("On Hold")],
          [5, "invalid_date", "entered_at", '"not yet" is not a date and time']
        ]
      }
    }
  },
  {
    name: "a lead converted before it was created",
    files: {
      "leads.csv": csv(
        "lead_id,created_at,converted_at,source",
        "L1,2024-02-01,2024-01-01,web",
        "L2,2024-01-01,2024-02-01,展会"
      )
    },
    expect: {
      "leads.csv": {
        loaded: 2,
        setAside: [
          [
            2,
            "time_order",
            "converted_at",
            "converted_at 2024-01-01 is before created_at 2024-02-01; loaded as exported"
          ]
        ]
      }
    },
    check: async (query) =>
      expect(
        await query(
          "SELECT lead_id, created_at::VARCHAR AS created, converted_at::VARCHAR AS converted FROM leads ORDER BY _line"
        )
      ).toEqual([
        {lead_id: "L1", created: "2024-02-01 00:00:00", converted: "2024-01-01 00:00:00"},
        {lead_id: "L2", created: "2024-01-01 00:00:00", converted: "2024-02-01 00:00:00"}
      ])
  },
  {
    name: "a ticket resolved before it was opened",
    files: {
      "tickets.csv": csv(
        "ticket_id,opened_at,resolved_at,satisfaction",
        "T1,2024-02-01,2024-01-31,5",
        "T2,2024-02-01,2024-02-02,five"
      )
    },
    expect: {
      "tickets.csv": {
        loaded: 2,
        setAside: [
          [2, "time_order", "resolved_at", "resolved_at 2024-01-31 is before opened_at 2024-02-01; loaded as exported"],
          [3, "invalid_number", "satisfaction", `"five" is not a number${WITHOUT_IT}`]
        ]
      }
    },
    check: async (query) =>
      expect(
        await query("SELECT ticket_id, resolved_at::VARCHAR AS resolved, satisfaction FROM tickets ORDER BY _line")
      ).toEqual([
        {ticket_id: "T1", resolved: "2024-01-31 00:00:00", satisfaction: 5},
        {ticket_id: "T2", resolved: "2024-02-02 00:00:00", satisfaction: null}
      ])
  },
  {
    // owners and accounts by name are resolved; those that match nothing are kept and reported
    name: "references to reps and accounts not exported, and by name",
    files: {
      "reps.csv": csv("rep_id,name", "R1,张三", "R2,李四"),
      "opportunities.csv": csv(
        "opportunity_id,account_id,owner_rep_id,stage,created_at",
        "o1,A404,张三,intent,2024-01-05",
        "o2,A404,王五,intent,2024-01-05"
      )
    },
    expect: {"reps.csv": {loaded: 2}, "opportunities.csv": {loaded: 2}},
    check: async (query, result) => {
      expect((await query("SELECT owner_rep_id FROM opportunities ORDER BY 1")).map((r) => r.owner_rep_id)).toEqual([
        "R1",
        "王五"
      ]);
      expect(result.references.map((r) => [r.column, r.resolvedByName, r.orphans])).toEqual([
        ["account_id", 0, 2],
        ["owner_rep_id", 1, 1]
      ]);
    }
  }
];
