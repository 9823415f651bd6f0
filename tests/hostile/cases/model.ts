import {expect} from "vitest";
import {csv, OPPORTUNITY_HEADER, type HostileCase} from "../hostile-case.ts";

const STAGES = "(potential, intent, negotiation, won, lost)";
const unknownStage = (label: string) =>
  `"${label}" is not in the stage model ${STAGES}; map it under "stages" in a mapping file`;
const OPPORTUNITIES = csv(
  "opportunity_id,account_id,owner_rep_id,stage,amount,created_at",
  "o1,A1,R1,won,100,2024-01-05",
  "o2,A2,R1,intent,200,2024-02-05"
);
const HISTORY_HEADER = "opportunity_id,stage,entered_at";

/** Rows that read well one by one but break the sales model: stages, order in time, references. */
export const MODEL_CASES: HostileCase[] = [
  {
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
        loaded: 4,
        quarantined: [
          [2, "unknown_stage", "stage", unknownStage("Pending Approval")],
          [3, "unknown_stage", "stage", unknownStage("暂停")]
        ]
      }
    }
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
    expect: {"negocios.csv": {loaded: 2, quarantined: [[4, "unknown_stage", "stage", unknownStage("Pausado")]]}}
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
    // the same day counts as in order: times of day are often missing from one of the two
    expect: {
      "opportunities.csv": {
        loaded: 2,
        quarantined: [[2, "time_order", "closed_at", "closed_at 2024-02-01 is before created_at 2024-03-01"]]
      }
    }
  },
  {
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
        loaded: 2,
        quarantined: [[2, "outcome_conflict", "outcome", 'outcome "lost" contradicts stage "won"']]
      }
    }
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
        quarantined: [[4, "duplicate_key", "opportunity_id", 'duplicate opportunity_id "o1" (first on line 2)']]
      }
    }
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
        quarantined: [
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
        loaded: 1,
        quarantined: [[2, "time_order", "converted_at", "converted_at 2024-01-01 is before created_at 2024-02-01"]]
      }
    }
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
        loaded: 0,
        quarantined: [
          [2, "time_order", "resolved_at", "resolved_at 2024-01-31 is before opened_at 2024-02-01"],
          [3, "invalid_number", "satisfaction", '"five" is not a number']
        ]
      }
    }
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
