import {
  BOM,
  bytes,
  csv,
  goodRows,
  OPPORTUNITY_HEADER,
  workbook,
  workbookBytes,
  zipOf,
  type HostileCase
} from "../hostile-case.ts";
import {writeFileSync} from "node:fs";

const NO_HEADER = "file has no header row (only blank lines)";
const BINARY = "not a text export: the file holds binary data";

const sheet = (rows: (string | number)[][]) =>
  workbook((book) => {
    const ws = book.addWorksheet("Opportunities");
    for (const row of rows) ws.addRow(row);
  });

/** Files that are not a readable export at all, or only partly: rejected with a message, or read as far as they go. */
export const FILE_CASES: HostileCase[] = [
  {
    name: "a file of 0 bytes",
    files: {"opportunities.csv": ""},
    expect: {"opportunities.csv": {rejected: "file is empty (0 bytes)"}}
  },
  {
    name: "a file of blank lines",
    files: {"opportunities.csv": "\r\n\r\n\n"},
    expect: {"opportunities.csv": {rejected: NO_HEADER}}
  },
  {
    // spaces and tabs are no more a header than blank lines are
    name: "a file of whitespace",
    files: {"opportunities.csv": "  \t  \n   \n\t\n"},
    expect: {"opportunities.csv": {rejected: NO_HEADER}}
  },
  {
    name: "a byte-order mark and nothing else",
    files: {"opportunities.csv": bytes(BOM)},
    expect: {"opportunities.csv": {rejected: NO_HEADER}}
  },
  {
    name: "binary garbage",
    files: {"opportunities.csv": Buffer.from(Array.from({length: 4096}, (_, i) => (i * 167 + 13) % 256))},
    expect: {"opportunities.csv": {rejected: BINARY}}
  },
  {
    name: "a PDF saved as .csv",
    files: {
      "opportunities.csv": bytes("%PDF-1.4\n%", [0xe2, 0xe3, 0xcf, 0xd3], "\n1 0 obj\n<<", [0, 0, 1, 2, 0], ">>\n")
    },
    expect: {"opportunities.csv": {rejected: BINARY}}
  },
  {
    // 4 KiB of NULs: a disk block the export never reached
    name: "a file of NUL bytes",
    files: {"opportunities.csv": Buffer.alloc(4096)},
    expect: {"opportunities.csv": {rejected: BINARY}}
  },
  {
    name: "a ZIP archive renamed .csv",
    files: {"WE_00D5g000001_1.csv": zipOf({"Opportunity.csv": "Id,StageName\n006A,Closed Won\n"})},
    expect: {"WE_00D5g000001_1.csv": {rejected: "a ZIP archive, not a CSV or XLSX export: unpack it first"}}
  },
  {
    // the bytes say workbook, so it is read as one: the user sees the sheet's rows loaded
    name: "a workbook renamed .csv",
    files: {
      "opportunities.csv": sheet([
        ["opportunity_id", "stage", "created_at"],
        ["o1", "won", "2024-01-05"]
      ])
    },
    expect: {"opportunities.csv#Opportunities": {loaded: 1}}
  },
  {
    name: "text named .xlsx",
    files: {"opportunities.xlsx": csv(OPPORTUNITY_HEADER, ...goodRows(1))},
    expect: {"opportunities.xlsx": {rejected: "named .xlsx but is not a workbook"}}
  },
  {
    name: "a truncated workbook",
    files: {
      "opportunities.xlsx": async (path) => {
        const whole = await workbookBytes((book) => book.addWorksheet("S").addRow(["opportunity_id", "stage"]));
        writeFileSync(path, whole.subarray(0, whole.length - 200));
      }
    },
    expect: {"opportunities.xlsx": {rejected: /^cannot read the workbook: it is damaged, cut short or encrypted/}}
  },
  {
    // a download cut off in the middle of a row: the rows before it load, the cut row is rejected
    name: "a CSV cut off in the middle of a row",
    files: {"opportunities.csv": csv(OPPORTUNITY_HEADER, ...goodRows(2)) + "o3,Deal 3,inte"},
    expect: {
      "opportunities.csv": {loaded: 2, rejectedRows: [[4, "ragged_row", null, "row has 3 fields, the header has 5"]]}
    }
  },
  {
    // where the rows end cannot be told, so nothing of the file is loaded; the message names the line
    name: "a CSV cut off inside a quoted field",
    files: {"opportunities.csv": csv(OPPORTUNITY_HEADER, ...goodRows(2)) + 'o3,"Deal 3, phase'},
    expect: {
      "opportunities.csv": {
        rejected:
          "line 4: a quote opened in this row is never closed, so the rest of the file would be one value: " +
          "is the file cut short, or a closing quote missing?"
      }
    }
  },
  {
    // a crash while writing leaves the file padded with NULs: its rows still load, the padding is a row rejected
    name: "a CSV padded with NUL bytes after a crash",
    files: {"opportunities.csv": bytes(csv(OPPORTUNITY_HEADER, ...goodRows(2)), new Uint8Array(3000))},
    expect: {
      "opportunities.csv": {loaded: 2, rejectedRows: [[4, "ragged_row", null, "row has 1 fields, the header has 5"]]}
    }
  },
  {
    name: "a header and no rows, without a final line break",
    files: {"opportunities.csv": OPPORTUNITY_HEADER},
    expect: {"opportunities.csv": {loaded: 0}}
  }
];
