import {describe, expect, it} from "vitest";
import {forecastGlossary} from "../../../pipelines/forecast/forecast-glossary.ts";
import {forecastGlossaryZh} from "../../../pipelines/forecast/forecast-glossary-zh.ts";

describe("forecastGlossary", () => {
  it("defines every metric in both languages", () => {
    expect(Object.keys(forecastGlossaryZh).sort()).toEqual(forecastGlossary.map((entry) => entry.metric).sort());
    for (const text of Object.values(forecastGlossaryZh)) expect(text).toMatch(/[\u4e00-\u9fff]/);
  });

  it("explains the accuracy as shown, interval coverage and what a MASE of 1 or more means", () => {
    const definition = (metric: string) => forecastGlossary.find((entry) => entry.metric === metric)!.definition;
    expect(definition("as_shown_wape_pct")).toMatch(/run again with only the months before/);
    expect(definition("coverage_pct")).toMatch(/conformal intervals built from the backtest's own errors/);
    expect(definition("mase")).toMatch(/1 or more \(1\.05, say\) means they are not/);
    expect(forecastGlossaryZh.mase).toMatch(/等于或大于 1（例如 1\.05）则不然/);
  });
});
