import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {translator} from "../../../src/components/i18n.js";
import {emptyState} from "../../../src/components/page-parts.js";
import {common} from "../../../src/locales/common.js";

describe("emptyState(t, missing, site)", () => {
  // emptyState builds a <p>; its text is all these tests read
  beforeAll(() => {
    Object.assign(globalThis, {document: {createElement: () => ({})}});
  });
  afterAll(() => {
    delete (globalThis as {document?: unknown}).document;
  });
  const text = (missing: string[], site: {tables: string[]} | null = null, locale = "en") =>
    (emptyState(translator(locale, common), missing, site) as unknown as {textContent: string}).textContent;

  it("names the missing exports", () => {
    expect(text(["leads", "marketing_spend"])).toBe(
      "Not shown: the CRM export did not include leads, marketing_spend. Export it and rebuild to see these numbers."
    );
  });

  it("says a dotted entry is a column the export lacks", () => {
    expect(text(["accounts.membership_tier"])).toBe(
      "Not shown: the export of accounts has no membership_tier column. Add it to the export and rebuild to see these numbers."
    );
    expect(text(["accounts.membership_tier"], null, "zh-CN")).toContain("accounts 的导出中没有 membership_tier 列");
  });

  it("reads a pipeline's note as a sentence", () => {
    expect(text(["opportunity_snapshots: needs two ingests"])).toMatch(/^Not shown: this comparison needs two exports/);
    expect(text(["opportunity_snapshots: needs two ingests"], null, "zh-CN")).toMatch(
      /^未显示：这项对比需要两次 CRM 导出/
    );
    expect(text(["opportunity_snapshots: something new"])).toBe("Not shown: opportunity_snapshots (something new).");
  });

  it("names the opportunities on an empty warehouse, and nothing matched otherwise", () => {
    expect(text([], {tables: []})).toMatch(/did not include opportunities\./);
    expect(text(["accounts"], {tables: []})).toMatch(/did not include opportunities, accounts\./);
    expect(text([], {tables: ["opportunities"]})).toBe("Nothing to show for this period and filter.");
  });
});
