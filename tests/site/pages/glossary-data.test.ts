import {describe, expect, it} from "vitest";
import {glossaryData} from "../../../site/pages/glossary-data.ts";
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

  it("keeps every metric with its English definition on the English site", () => {
    const en = glossaryData("en");
    expect(en.definition_locale).toBe("en");
    expect(en.sections.flatMap((s) => s.entries.map((e) => [e.metric, e.definition, e.grain, e.pipeline]))).toEqual(
      GLOSSARY.flatMap((s) => s.entries.map((e) => [e.metric, e.definition, e.grain, e.pipeline]))
    );
  });

  it("defines every metric in Chinese on the Chinese site, none falling back to English", () => {
    const zh = glossaryData("zh-CN");
    expect(zh.definition_locale).toBe("zh-CN");
    const han = /\p{Script=Han}/u;
    const english = new Set(GLOSSARY.flatMap((s) => s.entries.flatMap((e) => [e.definition, e.grain])));
    const untranslated = zh.sections.flatMap((section) =>
      section.entries
        .filter((e) => !han.test(e.definition) || !han.test(e.grain) || english.has(e.definition))
        .map((e) => `${section.family} ${e.metric}`)
    );
    expect(untranslated).toEqual([]);
    // a definition written beside the English one wins
    expect(zh.sections.flatMap((s) => s.entries).find((e) => e.metric === "split_kind")!.definition).toContain(
      "验证集"
    );
    expect(zh.sections.flatMap((s) => s.entries).length).toBe(GLOSSARY.flatMap((s) => s.entries).length);
  });

  it("tells apart two pipelines' metrics of the same name", () => {
    const stages = glossaryData("zh-CN").sections.find((s) => s.family === "stage-conversion")!;
    const median = stages.entries.filter((e) => e.metric === "median_days");
    expect(median.map((e) => e.pipeline)).toEqual(["timeInStage", "salesCycle"]);
    expect(median[1]).toMatchObject({
      definition: "期间内赢单商机的 closed_at − created_at（天）：平均数、中位数、p75、p90（第 7 类分位数）。",
      grain: "一行"
    });
    expect(glossaryData("zh-CN").sections.find((s) => s.family === "service")!.entries[0].grain).toBe(
      "每月每个类别一行"
    );
  });
});
