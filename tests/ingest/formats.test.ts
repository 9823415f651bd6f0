import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {queryWarehouse, tempDir, tempWarehouse, writeFile} from "./temp-warehouse.ts";

// One small export in many shapes; each must load the same rows and set aside the same value.
const OPPORTUNITIES = `opportunity_id,name,stage,amount,created_at
o1,Alpha,potential,1200.50,2024-01-05 09:30:00
o2,"Beta, Inc",won,800,2024-01-06
o3,Gamma,intent,n/a,2024-01-07
`;
const LOADED = [
  {
    opportunity_id: "o1",
    name: "Alpha",
    stage: "potential",
    amount: "1200.50",
    created_at: "2024-01-05 09:30:00",
    _line: 2
  },
  {
    opportunity_id: "o2",
    name: "Beta, Inc",
    stage: "won",
    amount: "800.00",
    created_at: "2024-01-06 00:00:00",
    _line: 3
  },
  // the amount cannot be read: the row loads without it
  {opportunity_id: "o3", name: "Gamma", stage: "intent", amount: null, created_at: "2024-01-07 00:00:00", _line: 4}
];
const NOT_AN_AMOUNT = '"n/a" is not an amount; the row is loaded without it';
const QUARANTINED = [{line: 4, column: "amount", value: "n/a", reason: NOT_AN_AMOUNT, scope: "value"}];

async function load(name: string, content: string | Uint8Array, mapping?: Parameters<typeof ingest>[0]["mapping"]) {
  const path = writeFile(tempDir(), name, content);
  const warehouse = tempWarehouse();
  const result = await ingest({paths: [path], warehouse, mapping});
  const rows = await queryWarehouse(
    warehouse,
    `SELECT opportunity_id, name, stage, amount::VARCHAR AS amount, created_at::VARCHAR AS created_at, _line
     FROM opportunities ORDER BY _line`
  );
  const quarantined = await queryWarehouse(
    warehouse,
    `SELECT line, "column", value, reason, scope FROM quarantine ORDER BY line`
  );
  return {path, result, rows, quarantined, warehouse};
}

async function writeWorkbook(dir: string, name: string, sheets: Record<string, unknown[][]>): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const [sheetName, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(sheetName);
    for (const row of rows) sheet.addRow(row);
  }
  const path = `${dir}/${name}`;
  await workbook.xlsx.writeFile(path);
  return path;
}

// Delimited files are staged by DuckDB's CSV reader, or record by record (csv-parse) when that reader
// cannot be trusted with a file; SHANGJI_NO_FAST_PATH forces the second way. Both must read the same.
describe.each([
  ["by DuckDB's reader", undefined],
  ["record by record", "1"]
])("ingest(options) reading export formats, staged %s", (_, noFastPath) => {
  beforeEach(() => {
    if (noFastPath) vi.stubEnv("SHANGJI_NO_FAST_PATH", noFastPath);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("reads UTF-8 without a byte-order mark", async () => {
    const {result, rows, quarantined} = await load("opportunities.csv", OPPORTUNITIES);
    expect(
      result.files.map((f) => [f.encoding, f.format, f.rowsRead, f.rowsLoaded, f.rowsQuarantined, f.valuesSetAside])
    ).toEqual([["utf-8", "csv", 3, 3, 0, 1]]);
    expect(rows).toEqual(LOADED);
    expect(quarantined).toEqual(QUARANTINED);
  });

  it("reads UTF-8 with a byte-order mark and CRLF line ends", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(OPPORTUNITIES.replaceAll("\n", "\r\n"))]);
    const {result, rows, quarantined} = await load("opportunities.csv", bytes);
    // the byte-order mark is not part of the first header: opportunity_id is found
    expect(
      result.files.map((f) => [f.entity, f.encoding, f.rowsRead, f.rowsLoaded, f.rowsQuarantined, f.valuesSetAside])
    ).toEqual([["opportunities", "utf-8", 3, 3, 0, 1]]);
    expect(rows).toEqual(LOADED);
    expect(quarantined).toEqual(QUARANTINED);
  });

  it("reads a semicolon-separated export with decimal commas", async () => {
    const text = `opportunity_id;name;stage;amount;created_at
o1;Alpha;potential;1.200,50;2024-01-05 09:30:00
o2;Beta, Inc;won;800;2024-01-06
o3;Gamma;intent;n/a;2024-01-07
`;
    const {rows, quarantined} = await load("opportunities.csv", text);
    expect(rows).toEqual(LOADED);
    expect(quarantined).toEqual(QUARANTINED);
  });

  it("reads tab-separated exports named .tsv or .txt", async () => {
    const text = OPPORTUNITIES.replaceAll(",", "\t").replace('"Beta\t Inc"', "Beta, Inc");
    for (const name of ["opportunities.tsv", "opportunities.txt"]) {
      const {result, rows, quarantined} = await load(name, text);
      expect(result.files.map((f) => f.format)).toEqual(["tsv"]);
      expect(rows).toEqual(LOADED);
      expect(quarantined).toEqual(QUARANTINED);
    }
  });

  it("keeps line numbers right after quoted fields that span lines", async () => {
    const text = `opportunity_id,name,stage,amount,created_at
o1,"Alpha
(phase 2)",potential,1200.50,2024-01-05 09:30:00
o2,"Beta, Inc",won,800,2024-01-06
o3,"Gamma ""G""
second line
third line",intent,n/a,2024-01-07
o4,Delta,lost,x,2024-01-08
`;
    for (const content of [text, text.replaceAll("\n", "\r\n")]) {
      const eol = content.includes("\r\n") ? "\r\n" : "\n";
      const {result, rows, quarantined} = await load("opportunities.csv", content);
      expect([result.rowsRead, result.rowsLoaded, result.rowsQuarantined, result.valuesSetAside]).toEqual([4, 4, 0, 2]);
      expect(rows.map((r) => [r.opportunity_id, r.name, r._line])).toEqual([
        ["o1", `Alpha${eol}(phase 2)`, 2],
        ["o2", "Beta, Inc", 4],
        ["o3", `Gamma "G"${eol}second line${eol}third line`, 5],
        ["o4", "Delta", 8]
      ]);
      expect(quarantined).toEqual([
        {line: 5, column: "amount", value: "n/a", reason: NOT_AN_AMOUNT, scope: "value"},
        {
          line: 8,
          column: "amount",
          value: "x",
          reason: '"x" is not an amount; the row is loaded without it',
          scope: "value"
        }
      ]);
    }
  });

  it("detects GBK with Chinese headers", async () => {
    const text = `商机编号,商机名称,客户名称,阶段,金额,负责人,创建时间
SJ1,华东工厂ERP升级,上海明达机械有限公司,意向,"￥120,000.00",张伟,2024-01-05 09:30:00
SJ2,门店收银系统,杭州禾田餐饮,谈判,12.5万,李娜,2024/1/8 14:00
SJ3,仓储条码改造,苏州远航物流,赢单,不详,张伟,2024年1月10日
`;
    const path = writeFile(tempDir(), "商机.csv", iconv.encode(text.replaceAll("\n", "\r\n"), "gbk"));
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [path], warehouse});
    expect(
      result.files.map((f) => [f.entity, f.source, f.encoding, f.rowsRead, f.rowsLoaded, f.rowsQuarantined])
    ).toEqual([["opportunities", "zh", "gb18030", 3, 3, 0]]);
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT opportunity_id, name, account_id, stage, amount::VARCHAR AS amount, currency, owner_rep_id,
          created_at::VARCHAR AS created_at FROM opportunities ORDER BY 1`
      )
    ).toEqual([
      {
        opportunity_id: "SJ1",
        name: "华东工厂ERP升级",
        account_id: "上海明达机械有限公司",
        stage: "intent",
        amount: "120000.00",
        currency: "CNY",
        owner_rep_id: "张伟",
        created_at: "2024-01-05 01:30:00"
      },
      {
        opportunity_id: "SJ2",
        name: "门店收银系统",
        account_id: "杭州禾田餐饮",
        stage: "negotiation",
        amount: "125000.00",
        currency: "CNY",
        owner_rep_id: "李娜",
        created_at: "2024-01-08 06:00:00"
      },
      {
        opportunity_id: "SJ3",
        name: "仓储条码改造",
        account_id: "苏州远航物流",
        stage: "won",
        amount: null,
        currency: "CNY",
        owner_rep_id: "张伟",
        created_at: "2024-01-09 16:00:00"
      }
    ]);
    expect(await queryWarehouse(warehouse, `SELECT line, "column", value, reason, scope FROM quarantine`)).toEqual([
      {
        line: 4,
        column: "金额",
        value: "不详",
        reason: '"不详" is not an amount; the row is loaded without it',
        scope: "value"
      }
    ]);
  });

  it("reads GB18030 characters outside GBK", async () => {
    const text = "客户编号,客户名称,城市\nKH1,𠮷野家餐饮,上海\n";
    const path = writeFile(tempDir(), "客户.csv", iconv.encode(text, "gb18030"));
    const warehouse = tempWarehouse();
    await ingest({paths: [path], warehouse});
    expect(await queryWarehouse(warehouse, "SELECT account_id, name, city FROM accounts")).toEqual([
      {account_id: "KH1", name: "𠮷野家餐饮", city: "上海"}
    ]);
  });

  it("reads a windows-1252 export as such, not as GBK", async () => {
    // "Pão de Açúcar": ã (0xE3), ç (0xE7) and ú (0xFA) are single bytes between ASCII letters
    const bytes = Buffer.from(
      "opportunity_id,name,stage,created_at\np1,P\xe3o de A\xe7\xfacar,won,2024-01-05\n",
      "latin1"
    );
    const {result, warehouse} = await load("latin.csv", bytes);
    expect(result.files.map((f) => f.encoding)).toEqual(["windows-1252"]);
    expect(await queryWarehouse(warehouse, "SELECT name FROM opportunities")).toEqual([{name: "Pão de Açúcar"}]);
  });

  it("finds the header under title lines", async () => {
    const text = `Opportunity pipeline report
Exported 2024-04-01 08:00 by admin
${OPPORTUNITIES.replace("o3,", "\no3,")}`;
    const {result, rows, quarantined} = await load("report.csv", text);
    expect([result.rowsRead, result.rowsLoaded, result.rowsQuarantined]).toEqual([3, 3, 0]);
    expect(rows.map((r) => [r.opportunity_id, r._line])).toEqual([
      ["o1", 4],
      ["o2", 5],
      ["o3", 7]
    ]);
    expect(quarantined).toEqual([{line: 7, column: "amount", value: "n/a", reason: NOT_AN_AMOUNT, scope: "value"}]);
  });

  it("takes the header row from the mapping file", async () => {
    const text = `Deal No,Deal,Phase,Value,Opened
(export of 2024-04-01)
Deal No,Deal,Phase,Value,Opened
d1,Alpha,Phase 1,10,2024-01-05
`;
    const mapping = {
      files: {
        "deals.csv": {
          entity: "opportunities" as const,
          headerRow: 3,
          columns: {"Deal No": "opportunity_id", Deal: "name", Phase: "stage", Value: "amount", Opened: "created_at"}
        }
      },
      stages: {"Phase 1": "potential"}
    };
    const {result, rows} = await load("deals.csv", text, mapping);
    expect([result.rowsRead, result.rowsLoaded, result.rowsQuarantined]).toEqual([1, 1, 0]);
    expect(rows).toEqual([
      {
        opportunity_id: "d1",
        name: "Alpha",
        stage: "potential",
        amount: "10.00",
        created_at: "2024-01-05 00:00:00",
        _line: 4
      }
    ]);
  });
});

describe("ingest(options) reading workbooks", () => {
  it("reads one sheet per entity and skips empty sheets", async () => {
    const dir = tempDir();
    const path = await writeWorkbook(dir, "crm.xlsx", {
      Accounts: [
        ["account_id", "name", "industry"],
        ["a1", "Acme", "Manufacturing"]
      ],
      Opportunities: [
        ["opportunity_id", "account_id", "name", "stage", "amount", "created_at", "expected_close_at"],
        ["o1", "a1", "Alpha", "intent", 1200.5, new Date(Date.UTC(2024, 0, 5, 9, 30)), new Date(Date.UTC(2024, 2, 31))],
        ["o2", "a1", "Beta", "won", "n/a", new Date(Date.UTC(2024, 0, 6)), new Date(Date.UTC(2024, 1, 29))]
      ],
      Notes: []
    });
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [path], warehouse});
    expect(result.files.map((f) => [f.file, f.entity, f.format, f.rowsRead, f.rowsLoaded, f.rowsQuarantined])).toEqual([
      [`${path}#Accounts`, "accounts", "xlsx", 1, 1, 0],
      [`${path}#Opportunities`, "opportunities", "xlsx", 2, 2, 0]
    ]);
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT opportunity_id, account_id, amount::VARCHAR AS amount, created_at::VARCHAR AS created_at,
          expected_close_at::VARCHAR AS expected_close_at, _line FROM opportunities ORDER BY _line`
      )
    ).toEqual([
      {
        opportunity_id: "o1",
        account_id: "a1",
        amount: "1200.50",
        created_at: "2024-01-05 09:30:00",
        expected_close_at: "2024-03-31",
        _line: 2
      },
      {
        opportunity_id: "o2",
        account_id: "a1",
        amount: null,
        created_at: "2024-01-06 00:00:00",
        expected_close_at: "2024-02-29",
        _line: 3
      }
    ]);
    expect(await queryWarehouse(warehouse, `SELECT file, line, "column", value, scope FROM quarantine`)).toEqual([
      {file: `${path}#Opportunities`, line: 3, column: "amount", value: "n/a", scope: "value"}
    ]);
    expect(await queryWarehouse(warehouse, "SELECT account_id, name, industry FROM accounts")).toEqual([
      {account_id: "a1", name: "Acme", industry: "Manufacturing"}
    ]);
  });

  it("finds the header of a sheet under title rows", async () => {
    const path = await writeWorkbook(tempDir(), "商机.xlsx", {
      商机: [
        ["商机列表"],
        ["导出时间：2024-04-01"],
        ["商机编号", "商机名称", "阶段", "金额", "创建时间"],
        ["SJ1", "甲", "意向", 120000, "2024-01-05 09:30"],
        ["SJ2", "乙", "赢单", "不详", "2024-01-06 10:00"]
      ]
    });
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [path], warehouse});
    expect([result.rowsRead, result.rowsLoaded, result.rowsQuarantined, result.valuesSetAside]).toEqual([2, 2, 0, 1]);
    expect(
      await queryWarehouse(
        warehouse,
        "SELECT opportunity_id, amount::VARCHAR AS amount, _line FROM opportunities ORDER BY _line"
      )
    ).toEqual([
      {opportunity_id: "SJ1", amount: "120000.00", _line: 4},
      {opportunity_id: "SJ2", amount: null, _line: 5}
    ]);
    expect(await queryWarehouse(warehouse, `SELECT line, "column", value, scope FROM quarantine`)).toEqual([
      {line: 5, column: "金额", value: "不详", scope: "value"}
    ]);
  });

  it("reads only the sheet the mapping file names", async () => {
    const path = await writeWorkbook(tempDir(), "pipeline.xlsx", {
      Summary: [["Pipeline summary"], ["Total", 3]],
      Deals: [
        ["Deal No", "Deal", "Phase", "Value", "Opened"],
        ["d1", "Alpha", "Phase 1", 10, "2024-01-05"],
        ["d2", "Beta", "Phase 2", 20, "2024-01-06"]
      ]
    });
    const columns = {"Deal No": "opportunity_id", Deal: "name", Phase: "stage", Value: "amount", Opened: "created_at"};
    const stages = {"Phase 1": "potential", "Phase 2": "intent"};
    const warehouse = tempWarehouse();
    const result = await ingest({
      paths: [path],
      warehouse,
      mapping: {files: {"pipeline.xlsx": {entity: "opportunities", sheet: "Deals", columns}}, stages}
    });
    expect(result.files.map((f) => [f.file, f.entity, f.source, f.rowsLoaded])).toEqual([
      [`${path}#Deals`, "opportunities", "mapping", 2]
    ]);
    expect(
      await queryWarehouse(
        warehouse,
        "SELECT opportunity_id, stage, amount::VARCHAR AS amount FROM opportunities ORDER BY 1"
      )
    ).toEqual([
      {opportunity_id: "d1", stage: "potential", amount: "10.00"},
      {opportunity_id: "d2", stage: "intent", amount: "20.00"}
    ]);

    const missing = await ingest({
      paths: [path],
      warehouse: tempWarehouse(),
      mapping: {files: {"pipeline.xlsx": {entity: "opportunities", sheet: "Pipeline", columns}}, stages}
    });
    expect(missing.files.map((f) => [f.file, f.status, f.message])).toEqual([
      [path, "rejected", 'the workbook has no sheet named "Pipeline"']
    ]);
  });
});
