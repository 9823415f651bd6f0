import {describe, expect, it} from "vitest";
import {glossaryData} from "../../../loaders/site/pages/glossary-data.ts";
import {GLOSSARY} from "../../../pipelines/glossary.ts";

describe("glossaryData(locale)", () => {
  it("titles sections and metrics in the site's language, the other one beside it", () => {
    const zh = glossaryData("zh-CN");
    expect(zh.sections[0]).toMatchObject({
      family: "channel-quality",
      title: "渠道质量",
      other_title: "Channel quality"
    });
    expect(zh.sections[0].entries.find((e) => e.metric === "win_rate")).toMatchObject({
      title: "赢单率",
      other_title: "Win rate"
    });
    expect(glossaryData("en").sections[0]).toMatchObject({title: "Channel quality", other_title: "渠道质量"});
  });

  it("keeps every metric with its English definition and says so, or its Chinese one where written", () => {
    const zh = glossaryData("zh-CN");
    expect(zh.definition_locale).toBe("en");
    expect(
      zh.sections.flatMap((s) => s.entries.map((e) => [e.metric, e.definition, e.entry_locale, e.grain, e.pipeline]))
    ).toEqual(
      GLOSSARY.flatMap((s) =>
        s.entries.map((e) => [
          e.metric,
          e.definition_zh ?? e.definition,
          e.definition_zh ? "zh-CN" : undefined,
          e.grain,
          e.pipeline
        ])
      )
    );
    const split = zh.sections.flatMap((s) => s.entries).find((e) => e.metric === "split_kind")!;
    expect(split.definition).toContain("验证集");
    const en = glossaryData("en").sections.flatMap((s) => s.entries);
    expect(en.every((e) => e.entry_locale === undefined)).toBe(true);
  });
});
