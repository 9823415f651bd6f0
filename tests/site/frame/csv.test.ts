import {describe, expect, it} from "vitest";
import {parse} from "csv-parse/sync";
import {neutralise, toCsv} from "../../../src/components/csv.js";

describe("toCsv(rows, columns, header)", () => {
  it("writes a header and RFC 4180 quoting that a CSV parser reads back", () => {
    const rows = [
      {name: 'Acme, "Ltd"', amount: 1200.5, note: "two\nlines"},
      {name: "张三科技", amount: -30, note: null}
    ];
    const text = toCsv(rows, ["name", "amount", "note"], {amount: "Amount (CNY)"});
    expect(text.endsWith("\r\n")).toBe(true);
    expect(parse(text)).toEqual([
      ["name", "Amount (CNY)", "note"],
      ['Acme, "Ltd"', "1200.5", "two\nlines"],
      ["张三科技", "-30", ""]
    ]);
  });

  it("neutralises text cells a spreadsheet would run as formulas, but not numbers", () => {
    const rows = [{a: '=HYPERLINK("http://x")', b: "+1", c: "-2", d: "@SUM(A1)", e: -2}];
    const [, values] = parse(toCsv(rows, ["a", "b", "c", "d", "e"]));
    expect(values).toEqual(['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "-2"]);
    expect(neutralise("\tcmd")).toBe("'\tcmd");
    expect(neutralise("plain")).toBe("plain");
  });
});
