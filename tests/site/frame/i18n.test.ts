import {readdirSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {formatters, translator} from "../../../src/components/i18n.js";
import {PROJECT_ROOT} from "../../../site/build-site.ts";

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
    expect(fmt.moneyExact(1234567.4)).toBe("¥1,234,567");
    expect(fmt.moneyCompact(1234567)).toBe("¥123.5万");
    expect(fmt.percent(0.212)).toBe("21.2%");
    expect(fmt.day("2026-11-20")).toBe("2026年11月20日");
  });

  it("counts amounts of 1万 and more in 万 and 亿 in Chinese, in tables as in tiles", () => {
    const zh = formatters("zh-CN", "CNY");
    expect(zh.money(9999.4)).toBe("¥9,999");
    expect(zh.money(10000)).toBe("¥1万");
    expect(zh.money(1234567.4)).toBe("¥123.46万");
    expect(zh.money(-56780)).toBe("-¥5.68万");
    expect(zh.money(123456789)).toBe("¥1.23亿");
    expect(zh.moneyCompact(123456789)).toBe("¥1.2亿");
    expect(zh.moneyCompact(20000)).toBe("¥2万");
    expect(zh.money(null)).toBe("—");
    expect(formatters("en", "CNY").money(123456789)).toBe("CN¥123,456,789");
    expect(formatters("en", "CNY").moneyCompact(1000)).toBe("CN¥1K");
  });

  it("shows durations in whole days", () => {
    expect(formatters("en").days(12.37)).toBe("12");
    expect(formatters("en").days(12.5)).toBe("13");
    expect(formatters("zh-CN").days(1234.4)).toBe("1,234");
    expect(formatters("zh-CN").days(null)).toBe("—");
  });

  it("names the quarter holding a day or a month", () => {
    expect(formatters("en").quarter("2026-08-15")).toBe("2026 Q3");
    expect(formatters("en").quarter("2026-01")).toBe("2026 Q1");
    expect(formatters("zh-CN").quarter("2026-07-01")).toBe("2026年第3季度");
    expect(formatters("zh-CN").quarter("2025-12-31T00:00:00Z")).toBe("2025年第4季度");
    expect(formatters("zh-CN").quarter(null)).toBe("—");
  });

  it("labels a chart's month ticks with the year on the first tick and where it changes", () => {
    const ticks = ["2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01"].map((d) => new Date(`${d}T00:00:00Z`));
    const label = (locale: string) => ticks.map((d, i) => formatters(locale).monthTick(d, i, ticks));
    expect(label("zh-CN")).toEqual(["2025年11月", "12月", "2026年1月", "2月"]);
    expect(label("en")).toEqual(["Nov 2025", "Dec", "Jan 2026", "Feb"]);
    const months = ["2026-03-01", "2026-04-01"];
    expect(months.map((m, i) => formatters("zh-CN").monthTick(m, i, months))).toEqual(["2026年3月", "4月"]);
    expect(formatters("zh-CN").monthTick("2026-05")).toBe("2026年5月");
    expect(formatters("en").monthTick(new Date("2026-03-15T00:00:00Z"))).toBe("Mar 15, 2026");
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
