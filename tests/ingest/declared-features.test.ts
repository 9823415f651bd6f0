import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {CliError} from "../../config/cli-error.ts";
import {ingest, type IngestResult} from "../../loaders/ingest/ingest.ts";
import {parseMapping} from "../../loaders/mapping/mapping-file.ts";
import {BAD_ROW, generateLeads, leadsMapping, writeLeadExport} from "../pipelines/lead-export-fixture.ts";
import {queryWarehouse, tempDir, tempWarehouse, writeFile} from "./temp-warehouse.ts";

function mappingError(json: unknown): string {
  try {
    parseMapping(json, "m.json");
  } catch (error) {
    if (error instanceof CliError) return error.message;
    throw error;
  }
  throw new Error("the mapping was accepted");
}

describe("parseMapping(json, path) with features", () => {
  it("names a feature after its column unless it is given a name", () => {
    const mapping = parseMapping({
      features: {
        leads: [
          {column: "TotalVisits", kind: "numeric"},
          {column: "Lead Origin", name: "origin", kind: "categorical"}
        ]
      }
    });
    expect(mapping.features).toEqual({
      leads: [
        {column: "TotalVisits", name: "TotalVisits", kind: "numeric"},
        {column: "Lead Origin", name: "origin", kind: "categorical"}
      ]
    });
  });

  it("points at an unknown kind, an entity without features and a name given twice", () => {
    expect(mappingError({features: {leads: [{column: "Visits", kind: "number"}]}})).toBe(
      'mapping file m.json is invalid:\n  features.leads[0].kind: Invalid option: expected one of "numeric"|"categorical"'
    );
    expect(mappingError({features: {accounts: [{column: "Employees", kind: "numeric"}]}})).toBe(
      "mapping file m.json is invalid:\n  features: features are read for opportunities and leads only, not accounts"
    );
    expect(
      mappingError({
        features: {
          opportunities: [
            {column: "Score", name: "score", kind: "numeric"},
            {column: "Score band", name: "Score", kind: "categorical"}
          ]
        }
      })
    ).toBe(
      'mapping file m.json is invalid:\n  features.opportunities[1].name: "Score" already names feature [0] of opportunities'
    );
  });
});

describe("ingest(options) with declared features", () => {
  const leads = generateLeads();
  let folder: string;
  let warehouse: string;
  let result: IngestResult;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "shangji-test-"));
    writeLeadExport(folder, leads, true);
    warehouse = join(folder, "warehouse.duckdb");
    result = await ingest({paths: [folder], warehouse});
  });
  afterAll(() => rmSync(folder, {recursive: true, force: true}));

  it("keeps each declared value in the long table of its entity, typed by its kind", async () => {
    expect([result.rowsRead, result.rowsLoaded, result.rowsQuarantined, result.valuesSetAside]).toEqual([
      leads.length,
      leads.length,
      0,
      1
    ]);
    const rows = await queryWarehouse(
      warehouse,
      `SELECT lead_id, name, kind, number_value, text_value, _line FROM lead_features
       WHERE lead_id IN ('P00001', 'P00002') ORDER BY lead_id, name`
    );
    const expected = leads.slice(0, 2).flatMap((lead, k) =>
      [
        ["lead_origin", "categorical", null, lead.origin],
        ["occupation", "categorical", null, lead.occupation],
        ["time_on_site", "numeric", lead.time_on_site, null],
        ["visits", "numeric", Number.isNaN(lead.visits) ? null : lead.visits, null]
      ]
        // a missing value ("Select", or blank) has no row
        .filter(([, kind, number, text]) => (kind === "numeric" ? number !== null : text !== null))
        .map(([name, kind, number_value, text_value]) => ({
          lead_id: lead.lead_id,
          name,
          kind,
          number_value,
          text_value,
          _line: k + 2
        }))
    );
    expect(rows).toEqual(expected);
    const counts = await queryWarehouse(
      warehouse,
      `SELECT name, count(*)::INTEGER AS n FROM lead_features GROUP BY name ORDER BY name`
    );
    expect(counts).toEqual([
      {name: "lead_origin", n: leads.length},
      {name: "occupation", n: leads.filter((l) => l.occupation !== null).length},
      {name: "time_on_site", n: leads.filter((l) => !Number.isNaN(l.time_on_site)).length},
      {name: "visits", n: leads.filter((l) => !Number.isNaN(l.visits)).length}
    ]);
  });

  it("sets a value that is not a number aside with its file, line and column, and loads its row", async () => {
    expect(
      await queryWarehouse(warehouse, `SELECT file, entity, line, "column", value, reason, rule, scope FROM quarantine`)
    ).toEqual([
      {
        file: `${folder}/leads.csv`,
        entity: "leads",
        line: BAD_ROW + 1,
        column: "Total Time Spent on Website",
        value: "about 5",
        reason: '"about 5" is not a number; the row is loaded without it',
        rule: "invalid_number",
        scope: "value"
      }
    ]);
    const bad = leads[BAD_ROW - 1].lead_id;
    expect(
      await queryWarehouse(warehouse, `SELECT name FROM lead_features WHERE lead_id = '${bad}' ORDER BY name`)
    ).toEqual(
      [{name: "lead_origin"}, {name: "occupation"}, {name: "visits"}].filter(
        ({name}) =>
          (name !== "occupation" || leads[BAD_ROW - 1].occupation !== null) &&
          (name !== "visits" || !Number.isNaN(leads[BAD_ROW - 1].visits))
      )
    );
    expect(await queryWarehouse(warehouse, `SELECT count(*)::INTEGER AS n FROM leads`)).toEqual([{n: leads.length}]);
  });

  it("keeps only the features of the row that stands when a newer export replaces it", async () => {
    const warehouse = tempWarehouse();
    const mapping = (exportedAt: string) => parseMapping({...leadsMapping(true), files: {}, exportedAt});
    const header = "lead_id,created_at,Total Time Spent on Website,Lead Origin\n";
    const march = writeFile(tempDir(), "leads.csv", `${header}a,2024-03-01,100,API\nb,2024-03-02,200,API\n`);
    await ingest({paths: [march], warehouse, mapping: mapping("2024-03-31")});
    const april = writeFile(tempDir(), "leads.csv", `${header}a,2024-03-01,,Lead Import\n`);
    const result = await ingest({paths: [april], warehouse, mapping: mapping("2024-04-30")});
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT lead_id, name, number_value, text_value FROM lead_features ORDER BY lead_id, name`
      )
    ).toEqual([
      {lead_id: "a", name: "lead_origin", number_value: null, text_value: "Lead Import"},
      {lead_id: "b", name: "lead_origin", number_value: null, text_value: "API"},
      {lead_id: "b", name: "time_on_site", number_value: 200, text_value: null}
    ]);
    // the April file has neither TotalVisits nor the occupation column
    expect(result.warnings).toEqual([
      'feature "visits" of leads: no leads file of this export has a column "TotalVisits", so it is not loaded',
      'feature "occupation" of leads: no leads file of this export has a column "What is your current occupation", so it is not loaded'
    ]);
  });
});
