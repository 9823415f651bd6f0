import {describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {queryWarehouse, tempDir, tempWarehouse, writeFile} from "./temp-warehouse.ts";

const CONTRACTS = "合同编号,商机编号,客户编号,合同金额,签约日期,合同状态\nHT01,SJ01,KH01,100000,2026-01-10,执行中\n";

const ROWS = `SELECT payment_id, contract_id, planned_at::VARCHAR AS planned_at, planned_amount::VARCHAR AS planned_amount,
    received_at::VARCHAR AS received_at, received_amount::VARCHAR AS received_amount, currency
  FROM payments ORDER BY payment_id`;

describe("ingest(options) with a payment plan", () => {
  it("recognises a 回款计划 export with Chinese headers beside its contracts", async () => {
    const dir = tempDir();
    writeFile(dir, "合同.csv", CONTRACTS);
    writeFile(
      dir,
      "回款计划.csv",
      "回款计划编号,合同编号,计划回款日期,计划回款金额,实际回款日期,实际回款金额\n" +
        "HK01,HT01,2026-02-01,\"30,000.00\",2026-01-28,30000\n" +
        "HK02,HT01,2026-04-01,70000,,\n"
    );
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [dir], warehouse});
    expect(result.files.map((f) => [f.entity, f.source, f.rowsLoaded])).toEqual([
      ["contracts", "zh", 1],
      ["payments", "zh", 2]
    ]);
    expect(await queryWarehouse(warehouse, ROWS)).toEqual([
      {
        payment_id: "HK01",
        contract_id: "HT01",
        planned_at: "2026-02-01",
        planned_amount: "30000.00",
        received_at: "2026-01-28",
        received_amount: "30000.00",
        currency: "CNY"
      },
      {
        payment_id: "HK02",
        contract_id: "HT01",
        planned_at: "2026-04-01",
        planned_amount: "70000.00",
        received_at: null,
        received_amount: null,
        currency: "CNY"
      }
    ]);
  });

  it("recognises canonical and plain English headers", async () => {
    const dir = tempDir();
    writeFile(
      dir,
      "payments.csv",
      "payment_id,contract_id,planned date,planned amount,received date,received amount,currency\n" +
        "P1,K1,2026-03-31,500.5,2026-04-02,500.5,USD\n"
    );
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [dir], warehouse});
    expect(result.files.map((f) => [f.entity, f.source])).toEqual([["payments", "generic"]]);
    expect(await queryWarehouse(warehouse, ROWS)).toEqual([
      {
        payment_id: "P1",
        contract_id: "K1",
        planned_at: "2026-03-31",
        planned_amount: "500.50",
        received_at: "2026-04-02",
        received_amount: "500.50",
        currency: "USD"
      }
    ]);
  });
});
