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

  it("adds the amounts before conversion after the amount when a row carries one, the others' in the reporting currency", () => {
    const rows = [
      {opportunity_id: "O1", amount: 7300, amount_original: 1000, currency_original: "USD", stage: "negotiation"},
      {opportunity_id: "O2", amount: 500, stage: "intent"},
      // no rate for its month: set aside, only the original amount is known
      {opportunity_id: "O3", amount: null, amount_original: 10, currency_original: "EUR", stage: "potential"},
      {opportunity_id: "O4", amount: null, stage: "potential"}
    ];
    const header = {
      amount: "Amount (CNY)",
      amount_original: "Amount (original)",
      currency_original: "Currency (original)"
    };
    expect(toCsv(rows, ["opportunity_id", "amount", "stage"], header, {currency: "CNY"})).toBe(
      "opportunity_id,Amount (CNY),Amount (original),Currency (original),stage\r\n" +
        "O1,7300,1000,USD,negotiation\r\n" +
        "O2,500,500,CNY,intent\r\n" +
        "O3,,10,EUR,potential\r\n" +
        "O4,,,,potential\r\n"
    );
    expect(toCsv(rows.slice(0, 2), ["opportunity_id", "stage"], {}, {currency: "CNY"})).toBe(
      "opportunity_id,stage,amount_original,currency_original\r\nO1,negotiation,1000,USD\r\nO2,intent,500,CNY\r\n"
    );
  });

  it("writes no original amount columns when no row carries one", () => {
    const rows = [
      {opportunity_id: "O2", amount: 500, stage: "intent"},
      {opportunity_id: "O5", amount: 80, stage: "won"}
    ];
    expect(toCsv(rows, ["opportunity_id", "amount", "stage"], {amount: "Amount (CNY)"}, {currency: "CNY"})).toBe(
      "opportunity_id,Amount (CNY),stage\r\nO2,500,intent\r\nO5,80,won\r\n"
    );
  });

  it("neutralises text cells a spreadsheet would run as formulas, but not numbers", () => {
    const rows = [{a: '=HYPERLINK("http://x")', b: "+1", c: "-2", d: "@SUM(A1)", e: -2}];
    const [, values] = parse(toCsv(rows, ["a", "b", "c", "d", "e"]));
    expect(values).toEqual(['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "-2"]);
    expect(neutralise("\tcmd")).toBe("'\tcmd");
    expect(neutralise("plain")).toBe("plain");
  });
});
