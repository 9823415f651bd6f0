import {expect} from "vitest";
import {csv, goodRows, OPPORTUNITY_HEADER, ZH_HEADER, type HostileCase, type Query} from "../hostile-case.ts";

/** How the reason of a value set aside ends: its row is loaded, that value missing. */
const WITHOUT_IT = "; the row is loaded without it";

const lines = async (query: Query) =>
  (await query("SELECT opportunity_id, _line FROM opportunities ORDER BY _line")).map(
    (r) => `${r.opportunity_id}@${r._line}`
  );

/** Rows and headers in the wrong places, quotes and line breaks of every kind. */
export const STRUCTURE_CASES: HostileCase[] = [
  {
    // Chinese CRMs' Excel exports put a title and the export time above the header
    name: "title lines above the header",
    files: {
      "商机.csv": "商机列表\n导出人：张三,导出时间：2024-04-01\n\n" + csv(ZH_HEADER, "SJ1,华东项目,意向,100,2024-01-05")
    },
    expect: {"商机.csv": {loaded: 1}},
    check: async (query) => expect(await lines(query)).toEqual(["SJ1@5"])
  },
  {
    // one-field title lines must not outvote the header when it has no rows below it to agree with
    name: "title lines above a tab-separated header with no rows",
    files: {"leads.txt": "Leads report\r\nexported 2024-04-01\r\nlead_id\tcreated_at\tsource\r\n"},
    expect: {"leads.txt": {loaded: 0}}
  },
  {
    // the header is looked for among the first 20 rows; further down, the file says what it could not tell
    name: "the header below 25 title lines",
    files: {
      "商机.csv":
        Array.from({length: 25}, (_, i) => `报表说明第${i + 1}行\n`).join("") +
        csv(ZH_HEADER, "SJ1,华东项目,意向,100,2024-01-05")
    },
    expect: {
      "商机.csv": {
        rejected:
          "line 1: cannot tell which table this file holds: its header (1 column) matches no known export; " +
          "name the entity and columns in a mapping file (--mapping)"
      }
    }
  },
  {
    // a header named twice is one column read from both: the first filled value wins, as for Won time / Lost time;
    // where both are blank the row loads without a stage
    name: "a header name repeated",
    files: {
      "opportunities.csv":
        "opportunity_id,stage,created_at,stage\no1,won,2024-01-05,lost\no2,,2024-01-05,intent\no3,,2024-01-05,\n"
    },
    expect: {
      "opportunities.csv": {loaded: 3, setAside: [[4, "missing_required", "stage", `missing stage${WITHOUT_IT}`]]}
    },
    check: async (query) =>
      expect(await query("SELECT opportunity_id, stage FROM opportunities ORDER BY 1")).toEqual([
        {opportunity_id: "o1", stage: "won"},
        {opportunity_id: "o2", stage: "intent"},
        {opportunity_id: "o3", stage: null}
      ])
  },
  {
    // two exports pasted together: the second header is a row whose values are column names. Its id cell holds a
    // value, so it loads as an opportunity "opportunity_id" whose stage, amount and creation time are set aside
    name: "a header repeated in the middle (two exports concatenated)",
    files: {"opportunities.csv": csv(OPPORTUNITY_HEADER, ...goodRows(2), OPPORTUNITY_HEADER, ...goodRows(2, 3))},
    expect: {
      "opportunities.csv": {
        loaded: 5,
        setAside: [
          [4, "invalid_amount", "amount", `"amount" is not an amount${WITHOUT_IT}`],
          [4, "invalid_date", "created_at", `"created_at" is not a date and time${WITHOUT_IT}`],
          [
            4,
            "unknown_stage",
            "stage",
            `"stage" is not in the stage model (potential, intent, negotiation, won, lost); map it under "stages" in a mapping file${WITHOUT_IT}`
          ]
        ]
      }
    },
    check: async (query) =>
      expect(
        await query("SELECT opportunity_id AS id, name, stage, amount, created_at FROM opportunities WHERE _line = 4")
      ).toEqual([{id: "opportunity_id", name: "name", stage: null, amount: null, created_at: null}])
  },
  {
    name: "CRLF, LF and CR line ends mixed in one file",
    files: {
      "opportunities.csv": `${OPPORTUNITY_HEADER}\r\n${goodRows(4).join("\r\n")}\n${goodRows(2, 5).join("\r")}\r\n`
    },
    expect: {"opportunities.csv": {loaded: 6}},
    check: async (query) => expect(await lines(query)).toEqual(["o1@2", "o2@3", "o3@4", "o4@5", "o5@6", "o6@7"])
  },
  {
    // a spreadsheet's CRLF export with a blank LF line appended by hand: DuckDB's reader gives up on it
    name: "CRLF lines and a blank LF line at the end",
    files: {"opportunities.csv": `${OPPORTUNITY_HEADER}\r\n${goodRows(3).join("\r\n")}\r\n\n`},
    expect: {"opportunities.csv": {loaded: 3}},
    check: async (query) => expect(await lines(query)).toEqual(["o1@2", "o2@3", "o3@4"])
  },
  {
    name: "old Mac line ends (CR only)",
    files: {"opportunities.csv": csv(OPPORTUNITY_HEADER, ...goodRows(3)).replaceAll("\n", "\r")},
    expect: {"opportunities.csv": {loaded: 3}},
    check: async (query) => expect(await lines(query)).toEqual(["o1@2", "o2@3", "o3@4"])
  },
  {
    name: "line breaks inside quoted fields, CRLF and LF",
    files: {
      "opportunities.csv":
        `${OPPORTUNITY_HEADER}\r\no1,"two\r\nlines",intent,100,2024-01-05\r\no2,"three\nshort\nlines",intent,100,2024-01-05\r\n` +
        `o3,plain,intent,100,2024-01-05\r\n`
    },
    expect: {"opportunities.csv": {loaded: 3}},
    check: async (query) => expect(await lines(query)).toEqual(["o1@2", "o2@4", "o3@7"])
  },
  {
    // DuckDB's parallel CSV reader refuses some of these ("Parameter Not Allowed"), which failed the whole ingest
    name: "a short quoted field with a line break in the first row",
    files: {
      "opportunities.csv": 'opportunity_id,name,stage,created_at\no1,"a\nb",intent,2024-01-05\no2,x,won,2024-01-05\n'
    },
    expect: {"opportunities.csv": {loaded: 2}},
    check: async (query) => expect(await lines(query)).toEqual(["o1@2", "o2@4"])
  },
  {
    name: "blank lines between rows",
    files: {"opportunities.csv": `${OPPORTUNITY_HEADER}\n\n${goodRows(1)[0]}\n\n\n${goodRows(1, 2)[0]}\n\n`},
    expect: {"opportunities.csv": {loaded: 2}},
    check: async (query) => expect(await lines(query)).toEqual(["o1@3", "o2@6"])
  },
  {
    // the quote opened on line 3 swallows every later row: nothing is guessed, the file is rejected
    name: "a quote never closed in the middle of the file",
    files: {
      "opportunities.csv": csv(
        OPPORTUNITY_HEADER,
        ...goodRows(1),
        'o2,"Deal 2,intent,100,2024-01-05',
        ...goodRows(3, 3)
      )
    },
    expect: {
      "opportunities.csv": {
        rejected:
          "line 3: a quote opened in this row is never closed, so the rest of the file would be one value: " +
          "is the file cut short, or a closing quote missing?"
      }
    }
  },
  {
    // the broken file is refused half-read; the file loaded after it in the same ingest must not notice
    name: "a quote never closed in one file of several",
    files: {
      "leads.csv": csv(
        "lead_id,created_at,company",
        "L1,2024-01-05,Acme",
        'L2,2024-01-06,"Beta',
        "L3,2024-01-07,Gamma"
      ),
      "opportunities.csv": csv(OPPORTUNITY_HEADER, ...goodRows(3))
    },
    expect: {
      "leads.csv": {rejected: /^line 3: a quote opened in this row is never closed/},
      "opportunities.csv": {loaded: 3}
    }
  },
  {
    name: "a quote never closed, after blank lines, in a CRLF file",
    files: {
      "opportunities.csv": `${OPPORTUNITY_HEADER}\r\n\r\n${goodRows(1)[0]}\r\n\r\n\r\no2,"Deal 2,intent,100,2024-01-05\r\n${goodRows(2, 3).join("\r\n")}\r\n`
    },
    expect: {
      "opportunities.csv": {
        rejected:
          "line 6: a quote opened in this row is never closed, so the rest of the file would be one value: " +
          "is the file cut short, or a closing quote missing?"
      }
    }
  },
  {
    // a space before the quote makes the quote text, so the comma inside splits the field
    name: "a space before an opening quote",
    files: {"opportunities.csv": csv(OPPORTUNITY_HEADER, 'o1, "Acme, Inc",intent,100,2024-01-05', ...goodRows(1, 2))},
    expect: {
      "opportunities.csv": {loaded: 1, rejectedRows: [[2, "ragged_row", null, "row has 6 fields, the header has 5"]]}
    }
  },
  {
    // MySQL-style \" escapes are not CSV: the value is kept as written rather than guessed
    name: "backslash-escaped quotes",
    files: {"opportunities.csv": csv(OPPORTUNITY_HEADER, 'o1,"Say \\"hi\\"",intent,100,2024-01-05')},
    expect: {"opportunities.csv": {loaded: 1}},
    check: async (query) => expect(await query("SELECT name FROM opportunities")).toEqual([{name: '"Say \\"hi\\""'}])
  },
  {
    name: "stray quotes inside unquoted fields",
    files: {
      "opportunities.csv": csv(
        OPPORTUNITY_HEADER,
        'o1,The "Big" Deal,intent,100,2024-01-05',
        'o2,12" screens,intent,100,2024-01-05'
      )
    },
    expect: {"opportunities.csv": {loaded: 2}},
    check: async (query) =>
      expect(await query("SELECT name FROM opportunities ORDER BY 1")).toEqual([
        {name: '12" screens'},
        {name: 'The "Big" Deal'}
      ])
  },
  {
    name: "rows with too few and too many fields",
    files: {
      "opportunities.csv": csv(
        OPPORTUNITY_HEADER,
        "o1,Deal,intent",
        "o2,Deal,intent,100,2024-01-05,extra,more",
        ...goodRows(1, 3)
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 1,
        rejectedRows: [
          [2, "ragged_row", null, "row has 3 fields, the header has 5"],
          [3, "ragged_row", null, "row has 7 fields, the header has 5"]
        ]
      }
    }
  },
  {
    // Excel writes rows that were only formatted as rows of delimiters: they are reported, not skipped, so that
    // rows read still equals the rows below the header. Without an id they are rejected, for that reason alone:
    // a row that is not loaded has no values set aside
    name: "rows of delimiters only",
    files: {"opportunities.csv": csv(OPPORTUNITY_HEADER, ...goodRows(1), ",,,,", ",,,,")},
    expect: {
      "opportunities.csv": {
        loaded: 1,
        rejectedRows: [
          [3, "missing_required", "opportunity_id", "missing opportunity_id"],
          [4, "missing_required", "opportunity_id", "missing opportunity_id"]
        ]
      }
    }
  },
  {
    // a report's totals line puts its label in the id column: it loads as a row of that id, without the stage and
    // creation time it lacks, and the quarantine names both so that the data-quality page shows it
    name: "a totals row at the bottom",
    files: {
      "商机.csv": csv(ZH_HEADER, "SJ1,华东项目,意向,100,2024-01-05", "SJ2,华南项目,谈判,200,2024-01-06", "合计,,,300,")
    },
    expect: {
      "商机.csv": {
        loaded: 3,
        setAside: [
          [4, "missing_required", "阶段", `missing stage${WITHOUT_IT}`],
          [4, "missing_required", "创建时间", `missing created_at${WITHOUT_IT}`]
        ]
      }
    },
    check: async (query) =>
      expect(
        await query(
          "SELECT opportunity_id AS id, stage, amount::VARCHAR AS amount, created_at FROM opportunities WHERE _line = 4"
        )
      ).toEqual([{id: "合计", stage: null, amount: "300.00", created_at: null}])
  },
  {
    name: "a Salesforce report with its footer",
    files: {
      "Opportunity Report.csv":
        '"Opportunity ID","Opportunity Name","Stage","Amount","Created Date"\n"006A","Deal","Closed Won","100","2024-01-05"\n\n\n' +
        '"Confidential Information - Do Not Distribute"\n"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."\n'
    },
    expect: {
      "Opportunity Report.csv": {
        loaded: 1,
        rejectedRows: [
          [5, "ragged_row", null, "row has 1 fields, the header has 5"],
          [6, "ragged_row", null, "row has 1 fields, the header has 5"]
        ]
      }
    }
  },
  {
    name: "semicolons and decimal commas",
    files: {
      "opportunities.csv":
        "opportunity_id;name;stage;amount;created_at\no1;Müller GmbH;won;1.234,50;2024-01-05\no2;X;won;7.800;2024-01-05\n"
    },
    expect: {
      "opportunities.csv": {
        loaded: 2,
        setAside: [
          [
            3,
            "invalid_amount",
            "amount",
            /^"7\.800" is ambiguous: a decimal point or a thousands separator\? .*; the row is loaded without it$/
          ]
        ]
      }
    },
    check: async (query) =>
      expect(await query("SELECT amount::VARCHAR AS amount FROM opportunities ORDER BY _line")).toEqual([
        {amount: "1234.50"},
        {amount: null}
      ])
  },
  {
    name: "pipe-separated",
    files: {"opportunities.csv": csv(OPPORTUNITY_HEADER, ...goodRows(2)).replaceAll(",", "|")},
    expect: {"opportunities.csv": {loaded: 2}}
  },
  {
    // the ids alone place the rows: they load without the stage and creation time the file lacks, and the file's
    // report says so once rather than on every row
    name: "one column, no delimiter",
    files: {"opportunities.csv": "opportunity_id\no1\no2\n"},
    expect: {
      "opportunities.csv": {loaded: 2, message: "no column holds stage, created_at: loaded without it"}
    },
    check: async (query) =>
      expect(await query("SELECT opportunity_id AS id, stage, created_at FROM opportunities ORDER BY _line")).toEqual([
        {id: "o1", stage: null, created_at: null},
        {id: "o2", stage: null, created_at: null}
      ])
  },
  {
    // it also holds account ids, but an accounts export it is not: it loads as opportunities, without stages
    name: "an opportunities export without its stage column",
    files: {
      "opportunities.csv": csv(
        "opportunity_id,account_id,name,amount,created_at",
        "o1,A1,Deal,100,2024-01-05",
        "o2,A1,Deal,100,2024-01-05"
      )
    },
    expect: {"opportunities.csv": {loaded: 2, message: "no column holds stage: loaded without it"}},
    check: async (query) => {
      expect(await query("SELECT opportunity_id AS id, stage, account_id FROM opportunities ORDER BY _line")).toEqual([
        {id: "o1", stage: null, account_id: "A1"},
        {id: "o2", stage: null, account_id: "A1"}
      ]);
      expect(await query("SELECT count(*)::INTEGER AS n FROM accounts")).toEqual([{n: 0}]);
    }
  },
  {
    // Salesforce reports often leave the Opportunity ID out: without ids no row can be placed, so the file is
    // rejected, naming the headers that would do
    name: "a Salesforce report without its Opportunity ID column",
    files: {
      "Opportunity Report.csv": csv(
        '"Opportunity Name","Stage","Amount","Created Date"',
        '"Deal","Closed Won","100","2024-01-05"'
      )
    },
    expect: {
      "Opportunity Report.csv": {
        rejected:
          'line 1: looks like opportunities but has no column for opportunity_id (expected a header such as "Id" or "Opportunity ID")'
      }
    }
  },
  {
    name: "no header row: data from the first line",
    files: {"opportunities.csv": csv("o1,Deal 1,intent,100,2024-01-05", ...goodRows(2, 2))},
    expect: {
      "opportunities.csv": {
        rejected:
          // the first row is data: the message counts its columns and quotes none of its values
          "line 1: cannot tell which table this file holds: its header (5 columns) matches no known export; " +
          "name the entity and columns in a mapping file (--mapping)"
      }
    }
  },
  {
    name: "headers no preset knows",
    files: {"export.csv": "Ticket,Priority,Assignee\nT-1,High,Ann\n"},
    expect: {
      "export.csv": {
        rejected:
          /^line 1: cannot tell which table this file holds: .*name the entity and columns in a mapping file \(--mapping\)$/
      }
    }
  }
];
