import {copyFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {CliError} from "../../config/cli-error.ts";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {parseMapping, readMappingFile} from "../../loaders/mapping/mapping-file.ts";
import {FIXTURES, queryWarehouse, tempDir, tempWarehouse, writeFile} from "./temp-warehouse.ts";

// tests/fixtures/mapping: an export of "Vendas360", a CRM no preset knows (Portuguese headers and stages,
// semicolons, day-first dates, decimal commas, Select / N/A / - for missing), and the mapping file that reads it
const folder = `${FIXTURES}/mapping`;
const exportFile = `${folder}/negocios-2024-04.csv`;
const mappingFile = `${folder}/vendas360.json`;

function mappingError(json: unknown): CliError {
  try {
    parseMapping(json, "m.json");
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error("the mapping was accepted");
}

const opportunityColumns =
  "opportunity_id, account_id, lead_id, name, source, campaign, owner_rep_id, amount, currency, expected_margin, " +
  "stage, probability, created_at, expected_close_at, closed_at, outcome, lost_reason, competitor, forecast_category, product";

describe("parseMapping(json, path)", () => {
  it("points at the column mapped to an unknown canonical column", () => {
    const error = mappingError({files: {"deals.csv": {entity: "opportunities", columns: {"Deal No": "deal_id"}}}});
    expect(error.message).toBe(
      "mapping file m.json is invalid:\n" +
        `  files["deals.csv"].columns["Deal No"]: unknown column "deal_id" for opportunities (expected one of ${opportunityColumns})`
    );
    expect(error.exitCode).toBe(2);
  });

  it("points at an unknown entity", () => {
    expect(mappingError({files: {"deals.csv": {entity: "deals"}}}).message).toBe(
      "mapping file m.json is invalid:\n" +
        '  files["deals.csv"].entity: Invalid option: expected one of "reps"|"accounts"|"contacts"|"products"|"leads"|"opportunities"|' +
        '"stage_history"|"activities"|"quotes"|"contracts"|"payments"|"tickets"|"marketing_spend"|"quotas"|"exchange_rates"'
    );
  });

  it("points at a misspelt key", () => {
    expect(mappingError({files: {"deals.csv": {entity: "opportunities", colums: {}}}}).message).toBe(
      'mapping file m.json is invalid:\n  files["deals.csv"]: Unrecognized key: "colums"'
    );
  });

  it("points at an unknown stage, date order, time zone and currency", () => {
    expect(mappingError({stages: {Ganho: "closed"}}).message).toBe(
      'mapping file m.json is invalid:\n  stages.Ganho: unknown stage "closed" (expected one of potential, intent, negotiation, won, lost)'
    );
    expect(mappingError({stages: {"Em negociação": "talks"}}).message).toBe(
      'mapping file m.json is invalid:\n  stages["Em negociação"]: unknown stage "talks" (expected one of potential, intent, negotiation, won, lost)'
    );
    expect(mappingError({files: {"a.csv": {entity: "leads", dateOrder: "dd/mm/yyyy"}}}).message).toBe(
      'mapping file m.json is invalid:\n  files["a.csv"].dateOrder: Invalid option: expected one of "ymd"|"dmy"|"mdy"'
    );
    expect(mappingError({files: {"a.csv": {entity: "leads", timezone: "Beijing"}}}).message).toBe(
      'mapping file m.json is invalid:\n  files["a.csv"].timezone: unknown time zone (use an IANA name such as Asia/Shanghai)'
    );
    expect(mappingError({currency: "yuan"}).message).toBe(
      "mapping file m.json is invalid:\n  currency: currency must be a three-letter ISO code such as CNY"
    );
  });

  it("checks stages against a stage model of the mapping file's own", () => {
    const stageModel = [
      {name: "lead", kind: "open"},
      {name: "signed", kind: "won"},
      {name: "dropped", kind: "lost"}
    ];
    expect(mappingError({stageModel, stages: {Ganho: "won"}}).message).toBe(
      'mapping file m.json is invalid:\n  stages.Ganho: unknown stage "won" (expected one of lead, signed, dropped)'
    );
    expect(
      mappingError({
        stageModel: [
          {name: "a", kind: "open"},
          {name: "b", kind: "done"}
        ]
      }).message
    ).toBe(
      'mapping file m.json is invalid:\n  stageModel[1].kind: Invalid option: expected one of "open"|"won"|"lost"'
    );
  });

  it("lists every problem, one per line", () => {
    expect(mappingError({files: {"a.csv": {entity: "leads", delimiter: ":", missing: "N/A"}}}).message).toBe(
      "mapping file m.json is invalid:\n" +
        '  files["a.csv"].delimiter: Invalid option: expected one of ","|";"|"\t"|"|"\n' +
        '  files["a.csv"].missing: Invalid input: expected array, received string'
    );
  });

  it("says what an export time looks like", () => {
    expect(mappingError({exportedAt: "yesterday"}).message).toBe(
      "mapping file m.json is invalid:\n" +
        "  exportedAt: expected an ISO date, or a date-time with its offset, such as 2024-04-01 or 2024-04-01T08:00:00+08:00"
    );
    expect(parseMapping({exportedAt: "2024-04-01T08:00:00+08:00"}).exportedAt).toBe("2024-04-01T08:00:00+08:00");
  });

  it("rejects a mapping that is not an object", () => {
    expect(mappingError([]).message).toBe(
      "mapping file m.json is invalid:\n  (top level): Invalid input: expected object, received array"
    );
  });
});

describe("readMappingFile(path)", () => {
  it("names the file that is not JSON", () => {
    const path = writeFile(tempDir(), "bad.json", "{files: {}}");
    expect(() => readMappingFile(path)).toThrow(
      expect.objectContaining({message: expect.stringMatching(`^mapping file ${path}: .*JSON`), exitCode: 2})
    );
  });

  it("tells a missing mapping file from an invalid one", () => {
    const path = join(tempDir(), "missing.json");
    expect(() => readMappingFile(path)).toThrow(
      expect.objectContaining({message: `no such mapping file: ${path}`, exitCode: 3})
    );
  });
});

describe("ingest(options) with a mapping file", () => {
  it("rejects the export without one, counting its headers without quoting them", async () => {
    const result = await ingest({paths: [exportFile], warehouse: tempWarehouse()});
    expect(result.files).toEqual([
      {
        file: exportFile,
        rowsRead: 0,
        rowsLoaded: 0,
        rowsQuarantined: 0,
        valuesSetAside: 0,
        status: "rejected",
        message:
          "line 1: cannot tell which table this file holds: its header (11 columns) matches no known export; " +
          "name the entity and columns in a mapping file (--mapping)"
      }
    ]);
  });

  it("loads every row of an export no preset knows, values exact", async () => {
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [exportFile], warehouse, mapping: mappingFile});
    expect(
      result.files.map((f) => [f.entity, f.source, f.format, f.rowsRead, f.rowsLoaded, f.rowsQuarantined])
    ).toEqual([["opportunities", "mapping", "csv", 5, 5, 0]]);
    expect(result.exportedAt).toBe("2024-04-01T12:00:00.000Z");
    // São Paulo is three hours behind UTC all year
    expect(
      await queryWarehouse(
        warehouse,
        `SELECT opportunity_id, name, account_id, owner_rep_id, stage, outcome, amount::VARCHAR AS amount, currency, source,
          created_at::VARCHAR AS created_at, expected_close_at::VARCHAR AS expected_close_at,
          closed_at::VARCHAR AS closed_at, lost_reason
         FROM opportunities ORDER BY opportunity_id`
      )
    ).toEqual([
      {
        opportunity_id: "N-0001",
        name: "Sistema de ponto",
        account_id: "Padaria Pão Quente Ltda",
        owner_rep_id: "Carla Souza",
        stage: "potential",
        outcome: "open",
        amount: "1234.50",
        currency: "BRL",
        source: "Indicação",
        created_at: "2024-01-05 17:30:00",
        expected_close_at: "2024-03-31",
        closed_at: null,
        lost_reason: null
      },
      {
        opportunity_id: "N-0002",
        name: "Licenças anuais",
        account_id: "Metalúrgica Ribeiro S.A.",
        owner_rep_id: "João Pereira",
        stage: "intent",
        outcome: "open",
        amount: "12000.00",
        currency: "BRL",
        source: null,
        created_at: "2024-01-12 12:05:00",
        expected_close_at: null,
        closed_at: null,
        lost_reason: null
      },
      {
        opportunity_id: "N-0003",
        name: "Consultoria",
        account_id: "Clínica Bem Estar",
        owner_rep_id: "Carla Souza",
        stage: "negotiation",
        outcome: "open",
        amount: null,
        currency: "BRL",
        source: "Google Ads",
        created_at: "2024-01-20 03:00:00",
        expected_close_at: "2024-04-15",
        closed_at: null,
        lost_reason: null
      },
      {
        opportunity_id: "N-0004",
        name: "Treinamento",
        account_id: "Escola Aprender",
        owner_rep_id: "João Pereira",
        stage: "won",
        outcome: "won",
        amount: "7800.00",
        currency: "BRL",
        source: "Feira",
        created_at: "2024-02-02 19:00:00",
        expected_close_at: "2024-02-29",
        // no close time exported: the close date at midnight in São Paulo (UTC−3) is 03:00 UTC
        closed_at: "2024-02-29 03:00:00",
        lost_reason: null
      },
      {
        opportunity_id: "N-0005",
        name: "Manutenção",
        account_id: "Transportes Rápido",
        owner_rep_id: "Carla Souza",
        stage: "lost",
        outcome: "lost",
        amount: "950.75",
        currency: "BRL",
        source: null,
        created_at: "2024-02-13 11:00:00",
        expected_close_at: "2024-03-01",
        closed_at: "2024-03-01 03:00:00",
        lost_reason: "Preço"
      }
    ]);
  });

  it("applies shangji-mapping.json found in the exports folder", async () => {
    const dir = tempDir();
    copyFileSync(exportFile, join(dir, "negocios-2024-04.csv"));
    copyFileSync(mappingFile, join(dir, "shangji-mapping.json"));
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [dir], warehouse});
    expect([result.rowsRead, result.rowsLoaded, result.rowsQuarantined]).toEqual([5, 5, 0]);
    expect(
      await queryWarehouse(warehouse, "SELECT stage, count(*)::INTEGER AS n FROM opportunities GROUP BY 1 ORDER BY 1")
    ).toEqual([
      {stage: "intent", n: 1},
      {stage: "lost", n: 1},
      {stage: "negotiation", n: 1},
      {stage: "potential", n: 1},
      {stage: "won", n: 1}
    ]);
  });

  it("rejects a file whose header lacks a column the mapping names", async () => {
    const path = writeFile(tempDir(), "negocios-2024-05.csv", "Código;Etapa;Criado em\nN-0009;Ganho;01/05/2024\n");
    const result = await ingest({paths: [path], warehouse: tempWarehouse(), mapping: mappingFile});
    expect(result.files.map((f) => [f.status, f.message])).toEqual([
      ["rejected", 'line 1: mapping names column "Título do negócio", which is not in the header (3 columns)']
    ]);
  });

  it("loads a deal whose stage label the mapping does not name without its stage, and says why", async () => {
    const path = writeFile(
      tempDir(),
      "negocios-2024-06.csv",
      [
        "Código;Título do negócio;Empresa;Etapa;Valor;Moeda;Vendedor;Criado em;Previsão de fechamento;Origem;Motivo da perda",
        "N-0010;Piloto;Loja Azul;Em espera;100;BRL;Carla Souza;03/06/2024;-;-;-"
      ].join("\n")
    );
    const warehouse = tempWarehouse();
    const result = await ingest({paths: [path], warehouse, mapping: mappingFile});
    expect([result.rowsRead, result.rowsLoaded, result.rowsQuarantined, result.valuesSetAside]).toEqual([1, 1, 0, 1]);
    expect(
      await queryWarehouse(warehouse, `SELECT line, "column", value, reason, rule, scope FROM quarantine`)
    ).toEqual([
      {
        line: 2,
        column: "Etapa",
        value: "Em espera",
        reason:
          '"Em espera" is not in the stage model (potential, intent, negotiation, won, lost); map it under "stages" in a mapping file; the row is loaded without it',
        rule: "unknown_stage",
        scope: "value"
      }
    ]);
    expect(await queryWarehouse(warehouse, "SELECT opportunity_id, stage FROM opportunities")).toEqual([
      {opportunity_id: "N-0010", stage: null}
    ]);
  });
});
