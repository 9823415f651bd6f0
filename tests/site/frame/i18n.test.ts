import {readdirSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {formatters, translator} from "../../../src/components/i18n.js";
import {PROJECT_ROOT} from "../../../loaders/site/build-site.ts";

describe("formatters(locale, currency)", () => {
  it("formats amounts, rates and dates in English", () => {
    const fmt = formatters("en", "CNY");
    expect(fmt.money(1234567.4)).toBe("CN¥1,234,567");
    expect(fmt.percent(0.5753)).toBe("57.5%");
    expect(fmt.points(0.034)).toBe("+3.4");
    expect(fmt.count(1497)).toBe("1,497");
    expect(fmt.day("2026-11-20T00:00:00Z")).toBe("Nov 20, 2026");
    expect(fmt.month("2026-02-01")).toBe("Feb 2026");
    expect(fmt.money(null)).toBe("—");
  });

  it("formats amounts, rates and dates in Simplified Chinese", () => {
    const fmt = formatters("zh-CN", "CNY");
    expect(fmt.money(1234567.4)).toBe("¥1,234,567");
    expect(fmt.moneyCompact(1234567)).toBe("¥123.5万");
    expect(fmt.percent(0.212)).toBe("21.2%");
    expect(fmt.day("2026-11-20")).toBe("2026年11月20日");
  });

  it("shows plain numbers when the deals have no single currency", () => {
    expect(formatters("en", null).money(1500)).toBe("1,500");
  });
});

describe("translator(locale, ...dictionaries)", () => {
  const dictionary = {en: {hello: "Hello {name}", only: "English only"}, "zh-CN": {hello: "你好 {name}"}};

  it("fills placeholders and falls back to English", () => {
    expect(translator("zh-CN", dictionary)("hello", {name: "王"})).toBe("你好 王");
    expect(translator("zh-CN", dictionary)("only")).toBe("English only");
    expect(() => translator("en", dictionary)("missing")).toThrow(/no message missing/);
  });
});

describe("the site's dictionaries", () => {
  const folder = join(PROJECT_ROOT, "src", "locales");
  const files = readdirSync(folder).filter((f) => f.endsWith(".js"));

  it.each(files)("%s holds the same keys in English and Chinese", async (file) => {
    const module = await import(join(folder, file));
    const dictionaries = Object.values(module).filter(
      (value): value is Record<string, Record<string, string>> =>
        typeof value === "object" && value !== null && "en" in value && "zh-CN" in value
    );
    expect(dictionaries.length).toBeGreaterThan(0);
    for (const dictionary of dictionaries) {
      expect(Object.keys(dictionary["zh-CN"]).sort()).toEqual(Object.keys(dictionary.en).sort());
      for (const text of Object.values(dictionary["zh-CN"])) expect(text.trim()).not.toBe("");
    }
  });
});
