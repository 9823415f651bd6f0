import {expect} from "vitest";
import {csv, goodRows, OPPORTUNITY_HEADER, ZH_HEADER, type HostileCase, type Query} from "../hostile-case.ts";

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
    // a header named twice is one column read from both: the first filled value wins, as for Won time / Lost time
    name: "a header name repeated",
    files: {
      "opportunities.csv":
        "opportunity_id,stage,created_at,stage\no1,won,2024-01-05,lost\no2,,2024-01-05,intent\no3,,2024-01-05,\n"
    },
    expect: {
      "opportunities.csv": {loaded: 2, quarantined: [[4, "missing_required", "stage", "missing required stage"]]}
    },
    check: async (query) =>
      expect(await query("SELECT opportunity_id, stage FROM opportunities ORDER BY 1")).toEqual([
        {opportunity_id: "o1", stage: "won"},
        {opportunity_id: "o2", stage: "intent"}
      ])
  },
  {
    // two exports pasted together: the second header is a row whose values are column names
    name: "a header repeated in the middle (two exports concatenated)",
    files: {"opportunities.csv": csv(OPPORTUNITY_HEADER, ...goodRows(2), OPPORTUNITY_HEADER, ...goodRows(2, 3))},
    expect: {
      "opportunities.csv": {
        loaded: 4,
        quarantined: [
          [4, "invalid_amount", "amount"],
          [4, "invalid_date", "created_at"],
          [4, "unknown_stage", "stage"]
        ]
      }
    }
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
      "opportunities.csv": {loaded: 1, quarantined: [[2, "ragged_row", null, "row has 6 fields, the header has 5"]]}
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
        quarantined: [
          [2, "ragged_row", null, "row has 3 fields, the header has 5"],
          [3, "ragged_row", null, "row has 7 fields, the header has 5"]
        ]
      }
    }
  },
  {
    // Excel writes rows that were only formatted as rows of delimiters: they are reported, not skipped, so that
    // rows read still equals the rows below the header
    name: "rows of delimiters only",
    files: {"opportunities.csv": csv(OPPORTUNITY_HEADER, ...goodRows(1), ",,,,", ",,,,")},
    expect: {
      "opportunities.csv": {
        loaded: 1,
        quarantined: [3, 4].flatMap((line): [number, string, string][] => [
          [line, "missing_required", "created_at"],
          [line, "missing_required", "opportunity_id"],
          [line, "missing_required", "stage"]
        ])
      }
    }
  },
  {
    // a report's totals line is not an opportunity
    name: "a totals row at the bottom",
    files: {
      "商机.csv": csv(ZH_HEADER, "SJ1,华东项目,意向,100,2024-01-05", "SJ2,华南项目,谈判,200,2024-01-06", "合计,,,300,")
    },
    expect: {
      "商机.csv": {
        loaded: 2,
        quarantined: [
          [4, "missing_required", "阶段"],
          [4, "missing_required", "创建时间"]
        ]
      }
    }
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
        quarantined: [
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
        loaded: 1,
        quarantined: [
          [3, "invalid_amount", "amount", /^"7\.800" is ambiguous: a decimal point or a thousands separator\?/]
        ]
      }
    },
    check: async (query) =>
      expect(await query("SELECT amount::VARCHAR AS amount FROM opportunities")).toEqual([{amount: "1234.50"}])
  },
  {
    name: "pipe-separated",
    files: {"opportunities.csv": csv(OPPORTUNITY_HEADER, ...goodRows(2)).replaceAll(",", "|")},
    expect: {"opportunities.csv": {loaded: 2}}
  },
  {
    name: "one column, no delimiter",
    files: {"opportunities.csv": "opportunity_id\no1\no2\n"},
    expect: {
      "opportunities.csv": {
        rejected:
          'line 1: looks like opportunities but has no column for stage, created_at (expected a header such as "stage")'
      }
    }
  },
  {
    // it also holds account ids, but an accounts export it is not: the opportunities' stage is what is missing
    name: "an opportunities export without its stage column",
    files: {
      "opportunities.csv": csv(
        "opportunity_id,account_id,name,amount,created_at",
        "o1,A1,Deal,100,2024-01-05",
        "o2,A1,Deal,100,2024-01-05"
      )
    },
    expect: {
      "opportunities.csv": {
        rejected: 'line 1: looks like opportunities but has no column for stage (expected a header such as "stage")'
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
