import {readFileSync} from "node:fs";
import iconv from "iconv-lite";
import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {ingest, type IngestResult} from "../../loaders/ingest/ingest.ts";
import {workbookBytes, zipOf} from "../hostile/hostile-case.ts";
import {FIXTURES, queryWarehouse, tempDir, tempWarehouse, writeFile} from "./temp-warehouse.ts";

// tests/fixtures/hostile/opportunities.csv: one row per problem, two good rows (lines 2 and 13). Three rows cannot
// be placed and are rejected (a repeated id, two ragged rows); the others load, each without its bad value
const HOSTILE = `${FIXTURES}/hostile/opportunities.csv`;
const STAGES = "(potential, intent, negotiation, won, lost)";
const WITHOUT_IT = "; the row is loaded without it";
const QUARANTINED = [
  {
    line: 3,
    column: "stage",
    value: "Pending Approval",
    reason: `"Pending Approval" is not in the stage model ${STAGES}; map it under "stages" in a mapping file${WITHOUT_IT}`,
    rule: "unknown_stage",
    scope: "value"
  },
  {
    line: 4,
    column: "amount",
    value: "n/a",
    reason: `"n/a" is not an amount${WITHOUT_IT}`,
    rule: "invalid_amount",
    scope: "value"
  },
  {
    line: 5,
    column: "opportunity_id",
    value: "o1",
    reason: 'duplicate opportunity_id "o1" (first on line 2)',
    rule: "duplicate_key",
    scope: "row"
  },
  {
    line: 6,
    column: "created_at",
    value: null,
    reason: `missing created_at${WITHOUT_IT}`,
    rule: "missing_required",
    scope: "value"
  },
  {
    line: 7,
    column: "created_at",
    value: "05/01/2024",
    reason: `"05/01/2024" is ambiguous: day-first or month-first? set "dateOrder" to "dmy" or "mdy" in a mapping file${WITHOUT_IT}`,
    rule: "invalid_date",
    scope: "value"
  },
  {
    line: 8,
    column: "created_at",
    value: "1899-12-31",
    reason: `"1899-12-31" is outside 1900–2100${WITHOUT_IT}`,
    rule: "date_out_of_range",
    scope: "value"
  },
  {
    line: 9,
    column: "closed_at",
    value: "2024-01-01",
    reason: "closed_at 2024-01-01 is before created_at 2024-01-05; loaded as exported",
    rule: "time_order",
    scope: "value"
  },
  {
    line: 10,
    column: "outcome",
    value: "lost",
    reason: 'outcome "lost" contradicts stage "won"; the outcome is taken from the stage',
    rule: "outcome_conflict",
    scope: "value"
  },
  {line: 11, column: null, value: null, reason: "row has 3 fields, the header has 7", rule: "ragged_row", scope: "row"},
  {line: 12, column: null, value: null, reason: "row has 8 fields, the header has 7", rule: "ragged_row", scope: "row"}
];

async function quarantine(warehouse: string) {
  return queryWarehouse(
    warehouse,
    `SELECT line, "column", value, reason, rule, scope FROM quarantine ORDER BY line, rule`
  );
}

/** Every row read is either loaded or quarantined, in each file and in total. */
function expectAccounted(result: IngestResult) {
  for (const file of result.files) expect(file.rowsRead).toBe(file.rowsLoaded + file.rowsQuarantined);
  expect(result.rowsRead).toBe(result.rowsLoaded + result.rowsQuarantined);
}

describe.each([
  ["by DuckDB's reader", undefined],
  ["record by record", "1"]
])("ingest(options) with hostile rows, staged %s", (_, noFastPath) => {
  beforeEach(() => {
    if (noFastPath) vi.stubEnv("SHANGJI_NO_FAST_PATH", noFastPath);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("rejects the rows it cannot place and loads the others without their bad values, each in the quarantine with file, line, column, value and reason", async () => {
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [HOSTILE], warehouse});
    expect([result.rowsRead, result.rowsLoaded, result.rowsQuarantined, result.valuesSetAside]).toEqual([12, 9, 3, 7]);
    expectAccounted(result);
    expect(await quarantine(warehouse)).toEqual(QUARANTINED);
    expect(await queryWarehouse(warehouse, "SELECT DISTINCT file, entity, ingest_id FROM quarantine")).toEqual([
      {file: HOSTILE, entity: "opportunities", ingest_id: 1}
    ]);
    // the first of two rows with the same id is kept; a value set aside is missing, a flagged one as exported
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT opportunity_id, stage, amount::VARCHAR AS amount, created_at::VARCHAR AS created_at,
           closed_at::VARCHAR AS closed_at, outcome, _line FROM opportunities ORDER BY _line`
      )
    ).toEqual([
      {
        opportunity_id: "o1",
        stage: "potential",
        amount: "100.00",
        created_at: "2024-01-05 00:00:00",
        closed_at: null,
        outcome: "open",
        _line: 2
      },
      {
        opportunity_id: "o2",
        stage: null,
        amount: "200.00",
        created_at: "2024-01-06 00:00:00",
        closed_at: null,
        outcome: null,
        _line: 3
      },
      {
        opportunity_id: "o3",
        stage: "intent",
        amount: null,
        created_at: "2024-01-07 00:00:00",
        closed_at: null,
        outcome: "open",
        _line: 4
      },
      {
        opportunity_id: "o4",
        stage: "intent",
        amount: "400.00",
        created_at: null,
        closed_at: null,
        outcome: "open",
        _line: 6
      },
      {
        opportunity_id: "o5",
        stage: "intent",
        amount: "500.00",
        created_at: null,
        closed_at: null,
        outcome: "open",
        _line: 7
      },
      {
        opportunity_id: "o6",
        stage: "intent",
        amount: "600.00",
        created_at: null,
        closed_at: null,
        outcome: "open",
        _line: 8
      },
      {
        opportunity_id: "o7",
        stage: "won",
        amount: "700.00",
        created_at: "2024-01-05 00:00:00",
        closed_at: "2024-01-01 00:00:00",
        outcome: "won",
        _line: 9
      },
      {
        opportunity_id: "o8",
        stage: "won",
        amount: "800.00",
        created_at: "2024-01-05 00:00:00",
        closed_at: "2024-02-01 00:00:00",
        outcome: "won",
        _line: 10
      },
      {
        opportunity_id: "o11",
        stage: "negotiation",
        amount: "1100.00",
        created_at: "2024-01-06 00:00:00",
        closed_at: null,
        outcome: "open",
        _line: 13
      }
    ]);
  });

  it("summarises the reasons and the first problems", async () => {
    const result = await ingest({paths: [HOSTILE], warehouse: tempWarehouse()});
    expect([result.rowsQuarantined, result.valuesSetAside]).toEqual([3, 7]);
    expect(result.reasons).toEqual([
      {rule: "ragged_row", count: 2},
      {rule: "date_out_of_range", count: 1},
      {rule: "duplicate_key", count: 1},
      {rule: "invalid_amount", count: 1},
      {rule: "invalid_date", count: 1},
      {rule: "missing_required", count: 1},
      {rule: "outcome_conflict", count: 1},
      {rule: "time_order", count: 1},
      {rule: "unknown_stage", count: 1}
    ]);
    expect(result.examples).toEqual(
      QUARANTINED.map(({line, column, value, reason}) => ({file: HOSTILE, line, column, value, reason}))
    );
  });

  it("reads the same rows after a byte-order mark and with CRLF line ends", async () => {
    const text = readFileSync(HOSTILE, "utf8").replaceAll("\n", "\r\n");
    const path = writeFile(
      tempDir(),
      "opportunities.csv",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
    );
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [path], warehouse});
    expect([result.rowsRead, result.rowsLoaded, result.rowsQuarantined, result.valuesSetAside]).toEqual([12, 9, 3, 7]);
    expect(await quarantine(warehouse)).toEqual(QUARANTINED);
  });

  it("quarantines the problems of a GBK export in its own words", async () => {
    const text = `商机编号,商机名称,阶段,金额,创建时间
SJ1,华东,意向,100,2024-01-05
SJ2,华南,待定,200,2024-01-06
SJ3,华北,谈判,不详,2024-01-07
SJ1,华东,赢单,300,2024-01-08
`;
    const path = writeFile(tempDir(), "商机.csv", iconv.encode(text.replaceAll("\n", "\r\n"), "gbk"));
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [path], warehouse});
    expect(
      result.files.map((f) => [f.encoding, f.rowsRead, f.rowsLoaded, f.rowsQuarantined, f.valuesSetAside])
    ).toEqual([["gb18030", 4, 3, 1, 2]]);
    expect(await quarantine(warehouse)).toEqual([
      {
        line: 3,
        column: "阶段",
        value: "待定",
        reason: `"待定" is not in the stage model ${STAGES}; map it under "stages" in a mapping file${WITHOUT_IT}`,
        rule: "unknown_stage",
        scope: "value"
      },
      {
        line: 4,
        column: "金额",
        value: "不详",
        reason: `"不详" is not an amount${WITHOUT_IT}`,
        rule: "invalid_amount",
        scope: "value"
      },
      {
        line: 5,
        column: "商机编号",
        value: "SJ1",
        reason: 'duplicate opportunity_id "SJ1" (first on line 2)',
        rule: "duplicate_key",
        scope: "row"
      }
    ]);
  });

  it("quarantines the rows with bytes of another encoding and reads the rest", async () => {
    // a UTF-8 export with one Latin-1 "é" pasted in: still UTF-8, not GBK
    const text = Buffer.from(
      "opportunity_id,name,stage,created_at\no1,上海明达,potential,2024-01-05\no2,Caf# Paris,intent,2024-01-06\no3,杭州禾田,won,2024-01-07\n"
    );
    text[text.indexOf("#")] = 0xe9;
    const path = writeFile(tempDir(), "opportunities.csv", text);
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [path], warehouse});
    expect(result.files.map((f) => [f.encoding, f.rowsRead, f.rowsLoaded, f.rowsQuarantined])).toEqual([
      ["utf-8", 3, 2, 1]
    ]);
    expect(await queryWarehouse(warehouse, "SELECT opportunity_id, name FROM opportunities ORDER BY 1")).toEqual([
      {opportunity_id: "o1", name: "上海明达"},
      {opportunity_id: "o3", name: "杭州禾田"}
    ]);
    expect(await quarantine(warehouse)).toEqual([
      {
        line: 3,
        column: "name",
        value: null,
        reason: "invalid bytes for the file's encoding (mixed encodings?)",
        rule: "invalid_encoding",
        scope: "row"
      }
    ]);
  });

  it("loads a row whose undecodable bytes sit in a column it does not load", async () => {
    const text = iconv.encode("商机编号,阶段,创建时间,备注\nSJ1,意向,2024-01-05,??\nSJ2,谈判,2024-01-06,正常\n", "gbk");
    text[text.indexOf("?")] = 0xff; // not a GBK byte
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [writeFile(tempDir(), "商机.csv", text)], warehouse});
    expect(result.files.map((f) => [f.encoding, f.rowsRead, f.rowsLoaded, f.rowsQuarantined])).toEqual([
      ["gb18030", 2, 2, 0]
    ]);
  });

  it("loads a header-only file as 0 rows", async () => {
    const result = await ingest({paths: [`${FIXTURES}/hostile/header-only.csv`], warehouse: tempWarehouse()});
    expect(result.files).toEqual([
      {
        file: `${FIXTURES}/hostile/header-only.csv`,
        entity: "opportunities",
        source: "generic",
        encoding: "utf-8",
        format: "csv",
        rowsRead: 0,
        rowsLoaded: 0,
        rowsQuarantined: 0,
        valuesSetAside: 0,
        status: "loaded"
      }
    ]);
  });
});

/** A workbook with one sheet of one opportunity. */
const oneDealWorkbook = () =>
  workbookBytes((workbook) => {
    const sheet = workbook.addWorksheet("Opportunities");
    sheet.addRow(["opportunity_id", "stage", "created_at"]);
    sheet.addRow(["o1", "won", "2024-01-05"]);
  });

describe("ingest(options) with hostile files", () => {
  async function rejection(name: string, content: string | Uint8Array) {
    const path = writeFile(tempDir(), name, content);
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [path], warehouse});
    expectAccounted(result);
    expect(await queryWarehouse(warehouse, "SELECT count(*)::INTEGER AS n FROM opportunities")).toEqual([{n: 0}]);
    expect(result.files.length).toBe(1);
    const [file] = result.files;
    expect([file.file, file.status, file.rowsRead]).toEqual([path, "rejected", 0]);
    return file.message;
  }

  it("rejects an empty (0-byte) file", async () => {
    expect(await rejection("opportunities.csv", "")).toBe("file is empty (0 bytes)");
  });

  it("rejects a file of blank lines", async () => {
    expect(await rejection("opportunities.csv", "\r\n\r\n\r\n")).toBe("file has no header row (only blank lines)");
  });

  it("rejects binary garbage", async () => {
    const garbage = Buffer.from(Array.from({length: 4096}, (_, i) => (i * 167 + 13) % 256));
    expect(await rejection("opportunities.csv", garbage)).toBe("not a text export: the file holds binary data");
  });

  it("rejects a ZIP archive renamed .csv", async () => {
    const zip = zipOf({"Opportunity.csv": "Id,StageName\n006A,Closed Won\n"});
    expect(await rejection("WE_00D5g000001_1.csv", zip)).toBe(
      "a ZIP archive, not a CSV or XLSX export: unpack it first"
    );
  });

  it("rejects text named .xlsx", async () => {
    expect(await rejection("opportunities.xlsx", "opportunity_id,stage\no1,won\n")).toBe(
      "named .xlsx but is not a workbook"
    );
  });

  it("rejects a truncated workbook", async () => {
    const bytes = await oneDealWorkbook();
    const message = await rejection("opportunities.xlsx", bytes.subarray(0, bytes.length - 200));
    expect(message).toBe(
      "cannot read the workbook: it is damaged, cut short or encrypted; open it in Excel and save it again"
    );
  });

  it("reads a workbook renamed .csv as a workbook", async () => {
    const path = writeFile(tempDir(), "opportunities.csv", await oneDealWorkbook());
    const result = await ingest({paths: [path], warehouse: tempWarehouse()});
    expect(result.files.map((f) => [f.file, f.format, f.rowsLoaded])).toEqual([[`${path}#Opportunities`, "xlsx", 1]]);
  });

  it("loads a file without a column the metrics need, saying which", async () => {
    const path = `${FIXTURES}/hostile/no-stage-column.csv`;
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [path], warehouse});
    expect(result.files.map((f) => [f.file, f.status, f.rowsLoaded, f.message])).toEqual([
      [path, "loaded", 1, "no column holds stage: loaded without it"]
    ]);
    expect(await queryWarehouse(warehouse, "SELECT opportunity_id, stage, outcome FROM opportunities")).toEqual([
      {opportunity_id: "o1", stage: null, outcome: null}
    ]);
  });

  it("rejects a file without its key column, naming the vendor's header for it", async () => {
    const path = writeFile(
      tempDir(),
      "Opportunity.csv",
      '"AccountId","Name","StageName","Amount","CloseDate","CreatedDate"\n"001A","Deal","Prospecting","10","2024-03-01","2024-01-01"\n'
    );
    const result = await ingest({paths: [path], warehouse: tempWarehouse()});
    expect(result.files.map((f) => [f.status, f.message])).toEqual([
      [
        "rejected",
        'line 1: looks like opportunities but has no column for opportunity_id (expected a header such as "Id" or "Opportunity ID")'
      ]
    ]);
  });

  it("rejects a file whose headers no preset knows", async () => {
    const path = `${FIXTURES}/hostile/unknown-headers.csv`;
    const result = await ingest({paths: [path], warehouse: tempWarehouse()});
    expect(result.files.map((f) => f.message)).toEqual([
      "line 1: cannot tell which table this file holds: its header (3 columns) matches no known export; " +
        "name the entity and columns in a mapping file (--mapping)"
    ]);
  });

  it("loads the other files when one is rejected", async () => {
    const dir = tempDir();
    writeFile(dir, "a-empty.csv", "");
    writeFile(dir, "b-opportunities.csv", "opportunity_id,stage,created_at\no1,won,2024-01-05\n");
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [dir], warehouse});
    expect(result.files.map((f) => [f.file.slice(dir.length + 1), f.status, f.rowsLoaded])).toEqual([
      ["a-empty.csv", "rejected", 0],
      ["b-opportunities.csv", "loaded", 1]
    ]);
    expect(await queryWarehouse(warehouse, "SELECT files, status FROM ingests")).toEqual([
      {files: 2, status: "partial"}
    ]);
  });

  it("records a file whose name holds a #", async () => {
    const path = writeFile(tempDir(), "export #2.csv", "opportunity_id,stage,created_at\no1,won,2024-01-05\n");
    const warehouse = tempWarehouse();
    await ingest({paths: [path], warehouse});
    expect(
      await queryWarehouse(warehouse, "SELECT file, entity, rows_loaded::INTEGER AS rows_loaded FROM ingest_files")
    ).toEqual([{file: path, entity: "opportunities", rows_loaded: 1}]);
  });
});
