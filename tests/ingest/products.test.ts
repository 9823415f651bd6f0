import {describe, expect, it} from "vitest";
import {formatIngestSummary} from "../../cli/format-ingest-summary.ts";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {recogniseEntity} from "../../loaders/ingest/recognise-entity.ts";
import {parseMapping, type MappingFile} from "../../loaders/mapping/mapping-file.ts";
import {dataQualityData} from "../../site/pages/data-quality-data.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {queryWarehouse, tempDir, writeFile} from "./temp-warehouse.ts";

const CATALOGUE = `product_id,name,family,list_price
P01,GTX Pro,GTX,"12,000"
P02,GTX Pro II,GTX,18000
P03,Atlas,Storage,5000.50
`;

// the catalogue of a CRM without product ids: the README's example
const NAMES_ONLY = `产品名称,产品系列,标准价格
GTX Pro,GTX,"¥12,000"
GTX Pro II,GTX,"¥18,000"
`;
const NAMES_ONLY_FILE = {"catalogue.csv": {entity: "products" as const, columns: {产品名称: ["product_id", "name"]}}};

// O1 by exact name; O2, O3, O6 and O7 spelt unlike the catalogue; O4 unknown; O5 by id; O9 a product of its own
const DEALS = `opportunity_id,stage,created_at,amount,product
O1,won,2024-01-05,1000,GTX Pro
O2,won,2024-01-06,1000,GTXPro
O3,lost,2024-01-07,1000,gtx-pro
O4,intent,2024-01-08,1000,Zephyr
O5,intent,2024-01-09,1000,P03
O6,intent,2024-01-10,1000,GTXPro
O7,intent,2024-01-11,1000, GTX  Pro 
O8,negotiation,2024-01-12,1000,
O9,intent,2024-01-13,1000,GTX Pro 2
`;

const QUOTES = `quote_id,opportunity_id,amount,product
Q1,O1,900,GTX Pro
Q2,O2,900,GTXPro
Q3,O4,900,Atlas
Q4,O6,900,Zephyr
`;

const HINT = `add it under "products" in a mapping file`;

/** Writes the exports into a new folder, ingests them into a new warehouse there and returns both. */
async function ingestExports(files: Record<string, string>, mapping?: MappingFile) {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFile(dir, `exports-${name}`, content);
  const paths = Object.keys(files).map((name) => `${dir}/exports-${name}`);
  const warehouse = `${dir}/warehouse.duckdb`;
  const withPrefix = mapping && {
    ...mapping,
    files: Object.fromEntries(Object.entries(mapping.files).map(([name, file]) => [`exports-${name}`, file]))
  };
  const result = await ingest({paths, warehouse, mapping: withPrefix, exportedAt: "2024-02-01"});
  return {warehouse, result};
}

async function pageData(path: string) {
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    return await dataQualityData(warehouse.connection);
  } finally {
    warehouse.close();
  }
}

const products = (warehouse: string, table: "opportunities" | "quotes") =>
  queryWarehouse(
    warehouse,
    `SELECT ${table === "opportunities" ? "opportunity_id" : "quote_id"} AS id, product FROM ${table} ORDER BY id`
  ).then((rows) => rows.map((row) => [row.id, row.product]));

describe("ingest(options) with a products catalogue", () => {
  it("loads the catalogue, resolves exact names to ids and keeps the rest as exported", async () => {
    const {warehouse, result} = await ingestExports({
      "products.csv": CATALOGUE,
      "opportunities.csv": DEALS,
      "quotes.csv": QUOTES
    });
    expect(result.files.map((f) => [f.entity, f.rowsRead, f.rowsLoaded])).toEqual([
      ["products", 3, 3],
      ["opportunities", 9, 9],
      ["quotes", 4, 4]
    ]);
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT product_id, name, family, list_price::VARCHAR AS list_price, currency FROM products ORDER BY product_id`
      )
    ).toEqual([
      {product_id: "P01", name: "GTX Pro", family: "GTX", list_price: "12000.00", currency: "CNY"},
      {product_id: "P02", name: "GTX Pro II", family: "GTX", list_price: "18000.00", currency: "CNY"},
      {product_id: "P03", name: "Atlas", family: "Storage", list_price: "5000.50", currency: "CNY"}
    ]);
    expect(await products(warehouse, "opportunities")).toEqual([
      ["O1", "P01"],
      ["O2", "GTXPro"],
      ["O3", "gtx-pro"],
      ["O4", "Zephyr"],
      ["O5", "P03"],
      ["O6", "GTXPro"],
      ["O7", "GTX  Pro"],
      ["O8", null],
      ["O9", "GTX Pro 2"]
    ]);
    expect(await products(warehouse, "quotes")).toEqual([
      ["Q1", "P01"],
      ["Q2", "GTXPro"],
      ["Q3", "P03"],
      ["Q4", "Zephyr"]
    ]);
    // "GTX  Pro" sorts first: a space before any letter
    expect(result.references.filter((r) => r.references === "products")).toEqual([
      {
        table: "opportunities",
        column: "product",
        references: "products",
        resolvedByName: 1,
        orphans: 6,
        example: "GTX  Pro"
      },
      {table: "quotes", column: "product", references: "products", resolvedByName: 2, orphans: 2, example: "GTXPro"}
    ]);
  });

  it("reports products spelt unlike the catalogue with the name they probably mean, in the summary and on the page", async () => {
    const {warehouse, result} = await ingestExports({
      "products.csv": CATALOGUE,
      "opportunities.csv": DEALS,
      "quotes.csv": QUOTES
    });
    // GTXPro: O2, O6 and Q2; the two others one deal each, in byte order; Zephyr and GTX Pro 2 match nothing
    const expected = [
      {value: "GTXPro", probable_name: "GTX Pro", n_opportunities: 2, n_quotes: 1},
      {value: "GTX  Pro", probable_name: "GTX Pro", n_opportunities: 1, n_quotes: 0},
      {value: "gtx-pro", probable_name: "GTX Pro", n_opportunities: 1, n_quotes: 0}
    ];
    expect(result.productNearMisses).toEqual(expected);
    const summary = formatIngestSummary(result).split("\n");
    expect(summary.filter((line) => line.startsWith("products:"))).toEqual([
      `products: "GTXPro" (2 opportunities, 1 quote) is not in the catalogue; it probably means "GTX Pro" — ${HINT}`,
      `products: "GTX  Pro" (1 opportunity) is not in the catalogue; it probably means "GTX Pro" — ${HINT}`,
      `products: "gtx-pro" (1 opportunity) is not in the catalogue; it probably means "GTX Pro" — ${HINT}`
    ]);
    expect(summary).toContain('kept 6 opportunities whose product matches no products row (e.g. "GTX  Pro")');

    const data = await pageData(warehouse);
    expect(data.product_near_misses).toEqual(expected);
    expect(data.n_product_near_misses).toBe(3);
    // 6 of the 8 deals with a product, 2 of the 4 quotes
    expect(
      data.orphans
        .filter((row) => row.references === "products")
        .map((r) => [r.table, r.n_with_value, r.n_orphans, r.orphan_pct])
    ).toEqual([
      ["opportunities", 8, 6, 75],
      ["quotes", 4, 2, 50]
    ]);
    expect(data.tables.find((table) => table.table === "products")).toEqual({
      table: "products",
      n_rows: 3,
      n_quarantined_rows: 0,
      n_rejected_rows: 0,
      n_files: 1
    });
  });

  it("reads a catalogue without ids by its names, mapped into both columns", async () => {
    const {warehouse, result} = await ingestExports(
      {"catalogue.csv": NAMES_ONLY, "opportunities.csv": DEALS, "quotes.csv": QUOTES},
      parseMapping({files: NAMES_ONLY_FILE})
    );
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT product_id, name, family, list_price::VARCHAR AS list_price, currency FROM products ORDER BY product_id`
      )
    ).toEqual([
      {product_id: "GTX Pro", name: "GTX Pro", family: "GTX", list_price: "12000.00", currency: "CNY"},
      {product_id: "GTX Pro II", name: "GTX Pro II", family: "GTX", list_price: "18000.00", currency: "CNY"}
    ]);
    // the names are the ids: nothing to resolve; P03, Atlas and Zephyr are not in this catalogue
    expect(result.references.filter((r) => r.references === "products")).toEqual([
      {
        table: "opportunities",
        column: "product",
        references: "products",
        resolvedByName: 0,
        orphans: 7,
        example: "GTX  Pro"
      },
      {table: "quotes", column: "product", references: "products", resolvedByName: 0, orphans: 3, example: "Atlas"}
    ]);
    expect(result.productNearMisses.map((miss) => [miss.value, miss.probable_name])).toEqual([
      ["GTXPro", "GTX Pro"],
      ["GTX  Pro", "GTX Pro"],
      ["gtx-pro", "GTX Pro"]
    ]);
  });

  it("joins the spellings a mapping file aliases under products, and reports them no more", async () => {
    const mapping = parseMapping({
      files: NAMES_ONLY_FILE,
      products: {GTXPro: "GTX Pro", "gtx pro 2": "GTX Pro II"}
    });
    const {warehouse, result} = await ingestExports(
      {"catalogue.csv": NAMES_ONLY, "opportunities.csv": DEALS, "quotes.csv": QUOTES},
      mapping
    );
    // the alias GTXPro stands for gtx-pro and "GTX  Pro" too: case, spaces and punctuation are ignored
    expect(await products(warehouse, "opportunities")).toEqual([
      ["O1", "GTX Pro"],
      ["O2", "GTX Pro"],
      ["O3", "GTX Pro"],
      ["O4", "Zephyr"],
      ["O5", "P03"],
      ["O6", "GTX Pro"],
      ["O7", "GTX Pro"],
      ["O8", null],
      ["O9", "GTX Pro II"]
    ]);
    expect(await products(warehouse, "quotes")).toEqual([
      ["Q1", "GTX Pro"],
      ["Q2", "GTX Pro"],
      ["Q3", "Atlas"],
      ["Q4", "Zephyr"]
    ]);
    expect(result.productNearMisses).toEqual([]);
    expect(
      formatIngestSummary(result)
        .split("\n")
        .filter((line) => line.startsWith("products:"))
    ).toEqual([]);
    expect(result.references.filter((r) => r.references === "products")).toEqual([
      {
        table: "opportunities",
        column: "product",
        references: "products",
        resolvedByName: 0,
        orphans: 2,
        example: "P03"
      },
      {table: "quotes", column: "product", references: "products", resolvedByName: 0, orphans: 2, example: "Atlas"}
    ]);
    expect((await pageData(warehouse)).product_near_misses).toEqual([]);
  });

  it("adds the product column to the quotes of a warehouse made before the catalogue", async () => {
    const dir = tempDir();
    const path = `${dir}/warehouse.duckdb`;
    const before = await openWarehouse(path);
    await before.connection.run("DROP TABLE products; ALTER TABLE quotes DROP COLUMN product");
    before.close();
    const result = await ingest({
      paths: [writeFile(dir, "products.csv", CATALOGUE), writeFile(dir, "quotes.csv", QUOTES)],
      warehouse: path,
      exportedAt: "2024-02-01"
    });
    expect(result.files.map((f) => [f.entity, f.rowsLoaded])).toEqual([
      ["products", 3],
      ["quotes", 4]
    ]);
    expect(await products(path, "quotes")).toEqual([
      ["Q1", "P01"],
      ["Q2", "GTXPro"],
      ["Q3", "P03"],
      ["Q4", "Zephyr"]
    ]);
  });

  it("checks no product without a catalogue", async () => {
    const {warehouse, result} = await ingestExports({"opportunities.csv": DEALS, "quotes.csv": QUOTES});
    expect(result.references.filter((r) => r.references === "products")).toEqual([]);
    expect(result.productNearMisses).toEqual([]);
    expect(await products(warehouse, "quotes")).toEqual([
      ["Q1", "GTX Pro"],
      ["Q2", "GTXPro"],
      ["Q3", "Atlas"],
      ["Q4", "Zephyr"]
    ]);
    const data = await pageData(warehouse);
    expect(data.product_near_misses).toEqual([]);
    expect(data.orphans.filter((row) => row.references === "products")).toEqual([]);
  });
});

describe("parseMapping(json, path) of product aliases", () => {
  const error = (products: Record<string, string>) => {
    try {
      parseMapping({products}, "m.json");
    } catch (e) {
      return (e as Error).message;
    }
    return "";
  };

  it("keeps aliases, the product trimmed", () => {
    expect(parseMapping({products: {GTXPro: " GTX Pro "}}).products).toEqual({GTXPro: "GTX Pro"});
  });

  it("names the alias that reads as another with a different product, or as nothing", () => {
    expect(error({GTXPro: "GTX Pro", "gtx-pro": "GTX Pro II", "-": "GTX Pro", Atlas: " "})).toBe(
      "mapping file m.json is invalid:\n" +
        "  products.Atlas: expected a product id or name of the catalogue\n" +
        '  products["gtx-pro"]: the same product as "GTXPro" once case, spaces and punctuation are ignored, which maps to "GTX Pro"\n' +
        '  products["-"]: names no product (only spaces or punctuation)'
    );
    expect(error({GTXPro: "GTX Pro", "gtx pro": "GTX Pro"})).toBe("");
  });
});

describe("recogniseEntity(headers, file) of product catalogues", () => {
  const recognised = (headers: string[], file = "export.csv") => {
    const {entity, source, columns} = recogniseEntity(headers, file);
    return {entity, source, columns: Object.fromEntries([...columns].map(([column, i]) => [column, headers[i]]))};
  };

  it("tells a Salesforce Product2 export from an Account export", () => {
    expect(recognised(["Id", "Name", "ProductCode", "Family", "IsActive", "CurrencyIsoCode"])).toEqual({
      entity: "products",
      source: "salesforce",
      columns: {product_id: "Id", name: "Name", family: "Family", currency: "CurrencyIsoCode"}
    });
    expect(recognised(["Id", "Name", "Industry"]).entity).toBe("accounts");
  });

  it("reads a price book's entries by their product", () => {
    expect(recognised(["Id", "Name", "Pricebook2Id", "Product2Id", "UnitPrice", "ProductCode"]).columns).toEqual({
      product_id: "Product2Id",
      name: "Name",
      list_price: "UnitPrice"
    });
  });

  it("recognises HubSpot products and Chinese 产品 exports", () => {
    expect(recognised(["Record ID", "Name", "SKU", "Unit price", "Description"])).toEqual({
      entity: "products",
      source: "hubspot",
      columns: {product_id: "Record ID", name: "Name", list_price: "Unit price"}
    });
    expect(recognised(["产品编号", "产品名称", "产品线", "目录价格", "币种"])).toEqual({
      entity: "products",
      source: "zh",
      columns: {product_id: "产品编号", name: "产品名称", family: "产品线", list_price: "目录价格", currency: "币种"}
    });
  });

  it("leaves a deal or a quote that names its product to its own table", () => {
    expect(recognised(["商机编号", "阶段", "创建时间", "产品名称"]).entity).toBe("opportunities");
    expect(recognised(["报价编号", "商机编号", "报价金额", "产品名称"])).toMatchObject({
      entity: "quotes",
      columns: {quote_id: "报价编号", opportunity_id: "商机编号", amount: "报价金额", product: "产品名称"}
    });
  });
});
