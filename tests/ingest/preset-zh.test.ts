import {describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {FIXTURES, queryWarehouse, tempWarehouse} from "./temp-warehouse.ts";

// tests/fixtures/zh: Chinese headers; owners and customers are names; naive times are Beijing time
const folder = `${FIXTURES}/zh`;

describe("ingest(options) with Chinese exports", () => {
  it("recognises 商机, 客户 and 员工 exports by their headers", async () => {
    const result = await ingest({paths: [folder], warehouse: tempWarehouse()});
    expect(result.files.map((f) => [f.file, f.entity, f.source, f.rowsRead, f.rowsLoaded, f.rowsQuarantined])).toEqual([
      [`${folder}/员工.csv`, "reps", "zh", 3, 3, 0],
      [`${folder}/客户.csv`, "accounts", "zh", 4, 4, 0],
      [`${folder}/商机.csv`, "opportunities", "zh", 5, 5, 0]
    ]);
  });

  it("reads Chinese stages, amounts and dates, and resolves owner and customer names to ids", async () => {
    const warehouse = tempWarehouse();
    await ingest({paths: [folder], warehouse});
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT opportunity_id, name, account_id, owner_rep_id, stage, outcome, amount::VARCHAR AS amount, currency, source,
          created_at::VARCHAR AS created_at, expected_close_at::VARCHAR AS expected_close_at
         FROM opportunities ORDER BY opportunity_id`
      )
    ).toEqual([
      {
        opportunity_id: "SJ2024001",
        name: "华东工厂ERP升级",
        account_id: "KH001",
        owner_rep_id: "E01",
        stage: "intent",
        outcome: "open",
        amount: "120000.00",
        currency: "CNY",
        source: "展会",
        created_at: "2024-01-05 01:30:00",
        expected_close_at: "2024-03-31"
      },
      {
        opportunity_id: "SJ2024002",
        name: "门店收银系统",
        account_id: "KH002",
        owner_rep_id: "E02",
        stage: "negotiation",
        outcome: "open",
        amount: "125000.00",
        currency: "CNY",
        source: "微信",
        created_at: "2024-01-08 06:00:00",
        expected_close_at: "2024-04-15"
      },
      {
        opportunity_id: "SJ2024003",
        name: "仓储条码改造",
        account_id: "KH003",
        owner_rep_id: "E01",
        stage: "won",
        outcome: "won",
        amount: "80000.00",
        currency: "CNY",
        source: "官网",
        created_at: "2024-01-09 16:00:00",
        expected_close_at: "2024-02-28"
      },
      {
        opportunity_id: "SJ2024004",
        name: "财务共享平台",
        account_id: "KH004",
        owner_rep_id: "E03",
        stage: "lost",
        outcome: "lost",
        amount: "360000.00",
        currency: "CNY",
        source: "合作伙伴",
        created_at: "2024-01-12 08:45:00",
        expected_close_at: "2024-02-15"
      },
      {
        opportunity_id: "SJ2024005",
        name: "园区安防升级",
        account_id: "合肥新港实业有限公司",
        owner_rep_id: "E03",
        stage: "potential",
        outcome: "open",
        amount: null,
        currency: "CNY",
        source: "抖音",
        created_at: "2024-01-20 02:00:00",
        expected_close_at: null
      }
    ]);
  });

  it("counts the names it resolved and keeps the customer it could not find", async () => {
    const result = await ingest({paths: [folder], warehouse: tempWarehouse()});
    expect(result.references).toEqual([
      {table: "accounts", column: "owner_rep_id", references: "reps", resolvedByName: 4, orphans: 0, example: null},
      {
        table: "opportunities",
        column: "account_id",
        references: "accounts",
        resolvedByName: 4,
        orphans: 1,
        example: "合肥新港实业有限公司"
      },
      {table: "opportunities", column: "owner_rep_id", references: "reps", resolvedByName: 5, orphans: 0, example: null}
    ]);
  });

  it("loads 员工 and 客户", async () => {
    const warehouse = tempWarehouse();
    await ingest({paths: [folder], warehouse});
    expect(
      await queryWarehouse(
        warehouse,
        "SELECT rep_id, name, team, region, hired_at::VARCHAR AS hired_at FROM reps ORDER BY 1"
      )
    ).toEqual([
      {rep_id: "E01", name: "张伟", team: "华东销售一部", region: "华东", hired_at: "2019-03-01"},
      {rep_id: "E02", name: "李娜", team: "华东销售二部", region: "华东", hired_at: "2021-07-15"},
      {rep_id: "E03", name: "王芳", team: "大客户部", region: "华东", hired_at: "2020-10-08"}
    ]);
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT account_id, industry, size_band, province, city, credit_rating, owner_rep_id, created_at::VARCHAR AS created_at
         FROM accounts ORDER BY 1`
      )
    ).toEqual([
      {
        account_id: "KH001",
        industry: "制造业",
        size_band: "200-499人",
        province: "上海",
        city: "上海",
        credit_rating: "A",
        owner_rep_id: "E01",
        created_at: "2023-06-18 02:00:00"
      },
      {
        account_id: "KH002",
        industry: "餐饮",
        size_band: "50-199人",
        province: "浙江",
        city: "杭州",
        credit_rating: "B",
        owner_rep_id: "E02",
        created_at: "2023-09-02 06:20:00"
      },
      {
        account_id: "KH003",
        industry: "物流",
        size_band: "500人以上",
        province: "江苏",
        city: "苏州",
        credit_rating: "A",
        owner_rep_id: "E01",
        created_at: "2023-11-11 01:00:00"
      },
      {
        account_id: "KH004",
        industry: "金融",
        size_band: "200-499人",
        province: "江苏",
        city: "南京",
        credit_rating: "B",
        owner_rep_id: "E03",
        created_at: "2023-12-01 03:30:00"
      }
    ]);
  });
});
