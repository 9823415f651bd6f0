import {closeSync, openSync, writeFileSync, writeSync} from "node:fs";
import {expect} from "vitest";
import {csv, goodRows, OPPORTUNITY_HEADER, zipOf, type HostileCase} from "../hostile-case.ts";

const MiB = 1 << 20;

/** Writes `head`, then `mebibytes` of `fill`, then `tail`, a mebibyte at a time. */
function bigFile(head: string, fill: string, mebibytes: number, tail = ""): (path: string) => void {
  return (path) => {
    const fd = openSync(path, "w");
    try {
      writeSync(fd, head);
      const chunk = Buffer.from(fill.repeat(Math.ceil(MiB / fill.length))).subarray(0, MiB);
      for (let i = 0; i < mebibytes; i++) writeSync(fd, chunk);
      writeSync(fd, tail);
    } finally {
      closeSync(fd);
    }
  };
}

function wide(columns: number, rows: number): string {
  const header = [
    "opportunity_id",
    "stage",
    "created_at",
    ...Array.from({length: columns - 3}, (_, i) => `extra ${i}`)
  ];
  const row = (i: number) => [`o${i}`, "intent", "2024-01-05", ...Array.from({length: columns - 3}, (_, k) => `${k}`)];
  return csv(header.join(","), ...Array.from({length: rows}, (_, i) => row(i + 1).join(",")));
}

/** Sizes beyond what an export holds: each limit in docs/limits.md, just below it and beyond it. */
export const LIMIT_CASES: HostileCase[] = [
  {
    name: "100 MB on a single line",
    files: {"opportunities.csv": bigFile(`${OPPORTUNITY_HEADER},`, "x", 100)},
    expect: {
      "opportunities.csv": {
        rejected:
          "line 1 is longer than 1 MiB, so no header row can be found: is it a CSV export, and did it keep its line breaks?"
      }
    },
    timeout: 120_000
  },
  {
    name: "a row of 100 MB",
    files: {
      "opportunities.csv": bigFile(
        csv(OPPORTUNITY_HEADER, ...goodRows(1)) + "o2,",
        "y",
        100,
        ",intent,100,2024-01-05\n"
      )
    },
    expect: {
      "opportunities.csv": {
        rejected:
          "line 3: the row is longer than 16,777,216 characters, the most Shangji reads in one row: " +
          "is a closing quote missing, or did the file lose its line breaks?"
      }
    },
    timeout: 120_000
  },
  {
    name: "a quoted field of 8 MB, line breaks inside",
    files: {
      "opportunities.csv": bigFile(
        csv(OPPORTUNITY_HEADER, ...goodRows(1)) + 'o2,"',
        "notes\n",
        8,
        '",intent,100,2024-01-05\n' + goodRows(1, 3)[0] + "\n"
      )
    },
    expect: {"opportunities.csv": {loaded: 3}},
    check: async (query) =>
      expect(
        await query("SELECT opportunity_id AS id, length(name)::INTEGER AS n, _line FROM opportunities ORDER BY _line")
      ).toEqual([
        {id: "o1", n: 6, _line: 2},
        {id: "o2", n: 8 * MiB, _line: 3},
        {id: "o3", n: 6, _line: 3 + 8 * Math.floor(MiB / 6) + 1}
      ]),
    timeout: 120_000
  },
  {
    name: "a header cell longer than 1 MiB",
    files: {"opportunities.csv": bigFile(`${OPPORTUNITY_HEADER},`, "h", 2, "\n" + goodRows(1)[0] + ",x\n")},
    expect: {"opportunities.csv": {rejected: /^line 1 is longer than 1 MiB, so no header row can be found/}}
  },
  {
    name: "10,000 columns",
    files: {"opportunities.csv": wide(10_000, 3)},
    expect: {"opportunities.csv": {loaded: 3}},
    timeout: 120_000
  },
  {
    // Excel stops at 16,384 columns: more is not a CRM export
    name: "more columns than Excel has",
    files: {"opportunities.csv": wide(16_385, 1)},
    expect: {
      "opportunities.csv": {
        rejected: "line 1: the header has 16,385 columns; Shangji reads at most 16,384, as many as Excel"
      }
    },
    timeout: 120_000
  },
  {
    // a workbook is read whole into memory: one that unpacks beyond the limit is refused before it is unpacked
    name: "a workbook that unpacks to 120 MiB (a ZIP bomb)",
    files: {
      "opportunities.xlsx": (path) => {
        const row = '<row><c t="inlineStr"><is><t>o1</t></is></c><c t="inlineStr"><is><t>won</t></is></c></row>';
        const sheet = `<worksheet><sheetData>${row.repeat(Math.ceil((120 * MiB) / row.length))}</sheetData></worksheet>`;
        writeFileSync(path, zipOf({"[Content_Types].xml": "<Types/>", "xl/worksheets/sheet1.xml": sheet}, true));
      }
    },
    expect: {
      "opportunities.xlsx": {
        rejected:
          "the workbook's sheets unpack to 120 MiB of XML; Shangji reads workbooks up to 100 MiB, since a workbook " +
          "is read whole into memory: save the sheet as CSV (UTF-8), which is read as a stream"
      }
    },
    timeout: 120_000
  },
  {
    // each broken row loads without its stage
    name: "100,000 rows, one in a thousand broken",
    files: {
      "opportunities.csv": csv(
        OPPORTUNITY_HEADER,
        ...Array.from(
          {length: 100_000},
          (_, i) => `o${i},Deal ${i},${i % 1000 === 999 ? "stalled" : "intent"},${i},2024-01-05`
        )
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 100_000,
        setAside: Array.from({length: 100}, (_, k): [number, string, string, RegExp] => [
          1000 * k + 1001,
          "unknown_stage",
          "stage",
          /^"stalled" is not in the stage model .*; the row is loaded without it$/
        ])
      }
    },
    check: async (query) =>
      expect(
        await query(
          `SELECT count(*)::INTEGER AS n, min(_line)::INTEGER AS first, max(_line)::INTEGER AS last
           FROM opportunities WHERE stage IS NULL`
        )
      ).toEqual([{n: 100, first: 1001, last: 100_001}]),
    timeout: 120_000
  }
];
