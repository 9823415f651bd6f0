import {expect} from "vitest";
import {workbook, type HostileCase} from "../hostile-case.ts";

/** Workbooks as people leave them: title rows, merged cells, formulas, errors, extra sheets. */
export const WORKBOOK_CASES: HostileCase[] = [
  {
    // merged cells read as their value in every row they span, as the user sees them in Excel; a formula whose
    // value the workbook does not hold, or an error, is set aside: the row loads without its amount, and the
    // quarantine says why, rather than the amount passing for a blank one
    name: "a Chinese CRM workbook with title rows, merged cells, formulas and an error cell",
    files: {
      "商机.xlsx": workbook((book) => {
        const ws = book.addWorksheet("商机");
        ws.addRow(["商机列表"]);
        ws.addRow(["导出时间：2024-04-01"]);
        ws.addRow([]);
        ws.addRow(["商机编号", "客户名称", "阶段", "金额", "创建时间", "负责人"]);
        ws.addRow(["SJ1", "华东公司", "意向", 100, new Date(Date.UTC(2024, 0, 5, 10)), "张三"]);
        ws.addRow(["SJ2", null, "谈判", 200, new Date(Date.UTC(2024, 0, 6)), null]);
        ws.addRow(["SJ3", null, "成交", {formula: "D5+D6", result: 300}, new Date(Date.UTC(2024, 0, 7)), null]);
        ws.addRow(["SJ4", "华南公司", "成交", {formula: "D5*2"}, 45292, "李四"]);
        ws.addRow(["SJ5", "华南公司", "成交", {error: "#N/A"}, "2024-01-08", "李四"]);
        ws.mergeCells("B5:B7");
        ws.mergeCells("F5:F7");
        book.addWorksheet("空白");
        const notes = book.addWorksheet("Notes");
        notes.addRow(["Ticket", "Priority"]);
        notes.addRow(["T1", "High"]);
      })
    },
    expect: {
      "商机.xlsx#商机": {
        loaded: 5,
        setAside: [
          [8, "invalid_amount", "金额", '"=D5*2" is not an amount; the row is loaded without it'],
          [9, "invalid_amount", "金额", '"#N/A" is not an amount; the row is loaded without it']
        ]
      },
      "商机.xlsx#Notes": {rejected: /^line 1: cannot tell which table this file holds/}
    },
    check: async (query) =>
      expect(
        await query(
          "SELECT opportunity_id AS id, account_id AS account, amount::VARCHAR AS amount FROM opportunities ORDER BY 1"
        )
      ).toEqual([
        {id: "SJ1", account: "华东公司", amount: "100.00"},
        {id: "SJ2", account: "华东公司", amount: "200.00"},
        {id: "SJ3", account: "华东公司", amount: "300.00"},
        {id: "SJ4", account: "华南公司", amount: null},
        {id: "SJ5", account: "华南公司", amount: null}
      ])
  },
  {
    name: "a workbook on the 1904 date system",
    files: {
      "opportunities.xlsx": workbook((book) => {
        book.properties.date1904 = true;
        const ws = book.addWorksheet("Opps");
        ws.addRow(["opportunity_id", "stage", "created_at"]);
        ws.addRow(["o1", "won", new Date(Date.UTC(2024, 0, 5, 9, 30))]);
      })
    },
    expect: {"opportunities.xlsx#Opps": {loaded: 1}},
    check: async (query) =>
      expect(await query("SELECT created_at::VARCHAR AS t FROM opportunities")).toEqual([{t: "2024-01-05 09:30:00"}])
  },
  {
    name: "a workbook with no data on any sheet",
    files: {"opportunities.xlsx": workbook((book) => void book.addWorksheet("Sheet1"))},
    expect: {"opportunities.xlsx": {rejected: "the workbook has no data on any sheet"}}
  }
];
