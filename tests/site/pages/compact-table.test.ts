import {describe, expect, it} from "vitest";
import {compactTable} from "../../../site/compact-table.ts";
import {withoutHiddenNames} from "../../../site/hidden-names.ts";
import {hasColumn, tableRows} from "../../../src/components/compact-table.js";

describe("compactTable(objects, columns) and tableRows(table)", () => {
  const objects = [
    {account_name: "Acme", amount: 5, cost: null},
    {account_name: "Bolt", amount: 7, cost: null}
  ];

  it("writes the column names once and the values of each row, and reads them back", () => {
    const table = compactTable(objects);
    expect(table).toEqual({
      columns: ["account_name", "amount", "cost"],
      rows: [
        ["Acme", 5, null],
        ["Bolt", 7, null]
      ]
    });
    expect(tableRows(table)).toEqual(objects);
  });

  it("keeps the columns named, in their order, and none without rows", () => {
    expect(compactTable(objects, ["amount", "account_name"]).rows).toEqual([
      [5, "Acme"],
      [7, "Bolt"]
    ]);
    expect(compactTable([], ["amount"])).toEqual({columns: [], rows: []});
    expect(tableRows(null)).toEqual([]);
  });

  it("drops only the columns named in dropNull, and only where every row is null", () => {
    const rows = [
      {account_name: null, amount: 5, amount_original: null, cost: null},
      {account_name: null, amount: 7, amount_original: 1, cost: null}
    ];
    expect(compactTable(rows, undefined, {dropNull: ["cost", "amount_original"]}).columns).toEqual([
      "account_name",
      "amount",
      "amount_original"
    ]);
    expect(compactTable(rows.slice(0, 1), undefined, {dropNull: ["cost", "amount_original"]})).toEqual({
      columns: ["account_name", "amount"],
      rows: [[null, 5]]
    });
  });

  it("drops the columns null in every row when asked, which read as null when named", () => {
    const table = compactTable(objects, undefined, {dropNull: true});
    expect(table.columns).toEqual(["account_name", "amount"]);
    expect(hasColumn(table, "cost")).toBe(false);
    expect(tableRows(table, ["amount", "cost"])).toEqual([
      {amount: 5, cost: null},
      {amount: 7, cost: null}
    ]);
  });

  it("is a table a public site strips of hidden names", () => {
    const stripped = withoutHiddenNames({slices: {"ytd|all": {deals: compactTable(objects)}}}, ["accounts"]);
    expect(JSON.stringify(stripped)).not.toContain("Acme");
  });
});
