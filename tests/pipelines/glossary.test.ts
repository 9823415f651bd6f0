import {describe, expect, it} from "vitest";
import {GLOSSARY} from "../../pipelines/glossary.ts";

describe("GLOSSARY", () => {
  it("defines every metric with both titles, a definition, a grain and its pipeline", () => {
    for (const section of GLOSSARY) {
      expect(section.entries.length, section.family).toBeGreaterThan(0);
      for (const entry of section.entries) {
        for (const field of ["metric", "title", "title_zh", "definition", "grain", "pipeline"] as const) {
          expect(entry[field].trim(), `${section.family} ${entry.metric} ${field}`).not.toBe("");
        }
      }
    }
  });

  it("names each metric once within its family", () => {
    for (const section of GLOSSARY) {
      const keys = section.entries.map((e) => `${e.pipeline}:${e.metric}`);
      expect(new Set(keys).size, section.family).toBe(keys.length);
    }
  });
});
