import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {ENTITIES, ENTITY_NAMES} from "../../warehouse/schema/entities.ts";
import {PRESET_NAMES} from "../../loaders/presets/preset.ts";

const readme = readFileSync("README.md", "utf8");
const schemaSection = readme.slice(readme.indexOf("## Warehouse schema"), readme.indexOf("## Project layout"));

describe("README.md", () => {
  it("starts a new user with the two set-up commands", () => {
    const start = readme.slice(readme.indexOf("## Start"), readme.indexOf("## Ingest your own exports"));
    expect(start).toContain("npm install && npm run build");
    expect(start).toContain("npm test");
  });

  it("documents every table and column of the warehouse schema", () => {
    for (const name of ENTITY_NAMES) {
      const heading = `#### \`${name}\` — ${ENTITIES[name].grain}`;
      expect(schemaSection).toContain(heading);
      const table = schemaSection.slice(schemaSection.indexOf(heading)).split("\n\n#### ")[0];
      for (const column of ENTITIES[name].columns)
        expect(table, `${name}.${column.name}`).toContain(`| \`${column.name}\``);
    }
  });

  it("lists every preset", () => {
    for (const preset of PRESET_NAMES) expect(readme).toContain(`| \`${preset}\` |`);
  });
});
