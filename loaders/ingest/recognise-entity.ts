import {basename} from "node:path";
import type {FileMapping} from "../mapping/mapping-file.ts";
import {PRESETS} from "../presets/index.ts";
import type {EntityPreset, PresetName} from "../presets/preset.ts";
import type {FeatureKind} from "../../warehouse/schema/declared-features.ts";
import {ENTITIES, ENTITY_NAMES, type EntityName} from "../../warehouse/schema/entities.ts";
import {normalizeLabel} from "../../warehouse/schema/stages.ts";

export interface Recognition {
  entity: EntityName;
  /** the preset whose headers matched, or "mapping" */
  source: PresetName | "mapping";
  /** canonical column → index of the source header it is read from */
  columns: Map<string, number>;
  /** canonical column → the value every row has (a mapping file's constants) */
  constants: Map<string, string>;
  /** further headers for a column, read in order where the first is blank (Won time, then Lost time) */
  fallbacks: Map<string, number[]>;
  /** required canonical columns with no source header */
  missingRequired: string[];
  /** source headers no canonical column reads */
  unmapped: string[];
  /** the mapping file's declared features this file has a column for (findDeclaredFeatures) */
  features: FeatureColumn[];
}

/** A declared feature read from one file: its name, kind and the index of its source header. */
export interface FeatureColumn {
  name: string;
  kind: FeatureKind;
  index: number;
}

const FILE_HINTS: Record<EntityName, string[]> = {
  reps: ["rep", "user", "员工", "销售人员"],
  accounts: ["account", "compan", "organi", "客户"],
  contacts: ["contact", "person", "联系人"],
  products: ["product", "catalog", "pricebook", "产品", "价目"],
  leads: ["lead", "线索"],
  opportunities: ["opportunit", "deal", "商机"],
  stage_history: ["history", "stage", "阶段"],
  activities: ["activit", "task", "跟进"],
  quotes: ["quote", "报价"],
  contracts: ["contract", "合同"],
  payments: ["payment", "receipt", "collection", "回款"],
  tickets: ["ticket", "case", "工单"],
  marketing_spend: ["spend", "marketing", "费用"],
  quotas: ["quota", "target", "目标"],
  exchange_rates: ["rate", "fx", "currenc", "汇率"]
};

export class RecognitionError extends Error {}

/**
 * Tells which entity a file holds and which header feeds each canonical column: from the mapping
 * file when it names the entity, otherwise from the presets whose signature headers the file has.
 */
export function recogniseEntity(
  headers: string[],
  file: string,
  {preset, fileMapping}: {preset?: PresetName; fileMapping?: FileMapping} = {}
): Recognition {
  const normalized = headers.map(normalizeLabel);
  const presetNames: PresetName[] = preset
    ? [...new Set<PresetName>([preset, "generic"])]
    : (Object.keys(PRESETS) as PresetName[]);
  if (fileMapping) return fromMapping(headers, normalized, fileMapping, presetNames);

  const candidates: (Recognition & {score: number; hinted: boolean})[] = [];
  for (const presetName of presetNames) {
    for (const entity of ENTITY_NAMES) {
      const entityPreset = PRESETS[presetName].entities[entity];
      if (!entityPreset || !matchesSignature(entityPreset, normalized, headers)) continue;
      const fallbacks = new Map<string, number[]>();
      const columns = mapColumns(entityPreset, normalized, new Map(), fallbacks);
      candidates.push({
        ...describe(entity, presetName, columns, fallbacks, headers),
        score: columns.size,
        hinted: isHinted(entity, file)
      });
    }
  }
  // the "header" may be a data row (a file without one): messages reach reports and the site, so they count
  // the columns and never quote them
  if (candidates.length === 0) {
    throw new RecognitionError(
      `cannot tell which table this file holds: its header (${columnCount(headers)}) matches no ${preset ?? "known"} export; ` +
        `name the entity and columns in a mapping file (--mapping)`
    );
  }
  // a file that holds the ids of two tables, one referring to the other, is the referring one: an opportunities
  // export lists account_id, so without its stage column it is an incomplete opportunities export, not accounts
  const refersToOther = (c: (typeof candidates)[number]) =>
    ENTITIES[c.entity].columns.some(
      (column) =>
        column.references !== undefined &&
        column.references !== c.entity &&
        !ENTITIES[c.entity].key.includes(column.name) &&
        c.columns.has(column.name) &&
        candidates.some((other) => other.entity === column.references)
    );
  const rank = (c: (typeof candidates)[number]) => [
    refersToOther(c) ? 1 : 0,
    c.missingRequired.length === 0 ? 1 : 0,
    c.score,
    c.hinted ? 1 : 0
  ];
  // on a tie between presets for the same entity, the canonical names win: their defaults are the neutral ones
  const order = (c: (typeof candidates)[number]) => [...rank(c), c.source === "generic" ? 1 : 0];
  candidates.sort((a, b) => compare(order(b), order(a)));
  const [best, second] = candidates;
  if (second && compare(rank(best), rank(second)) === 0 && best.entity !== second.entity) {
    throw new RecognitionError(
      `cannot tell whether this file holds ${best.entity} or ${second.entity}: its headers fit both equally; ` +
        `rename the file after its table or name the entity in a mapping file (--mapping)`
    );
  }
  const {score: _score, hinted: _hinted, ...recognition} = best;
  return recognition;
}

function fromMapping(
  headers: string[],
  normalized: string[],
  fileMapping: FileMapping,
  presetNames: PresetName[]
): Recognition {
  const columns = new Map<string, number>();
  for (const [source, targets] of Object.entries(fileMapping.columns)) {
    const index = normalized.indexOf(normalizeLabel(source));
    if (index === -1) {
      throw new RecognitionError(
        `mapping names column "${source}", which is not in the header (${columnCount(headers)})`
      );
    }
    for (const target of [targets].flat()) columns.set(target, index);
  }
  const constants = new Map(Object.entries(fileMapping.constants ?? {}));
  // a constant is not read from a header: the presets must not find one for it
  for (const column of constants.keys()) columns.set(column, -1);
  // columns the mapping does not name are still matched by the presets' headers
  const fallbacks = new Map<string, number[]>();
  for (const presetName of presetNames) {
    const entityPreset = PRESETS[presetName].entities[fileMapping.entity];
    if (entityPreset) mapColumns(entityPreset, normalized, columns, fallbacks);
  }
  for (const column of constants.keys()) columns.delete(column);
  return describe(fileMapping.entity, "mapping", columns, fallbacks, headers, constants);
}

function matchesSignature(preset: EntityPreset, normalized: string[], headers: string[]): boolean {
  const has = (header: string) => normalized.includes(normalizeLabel(header));
  // exclusions compare spelling too: "OpportunityId" (a history row) is not "Opportunity ID" (a report label)
  const lower = headers.map((h) => h.trim().toLowerCase());
  const hasExactly = (header: string) => lower.includes(header.toLowerCase());
  return (
    (preset.signature ?? []).every(has) &&
    (preset.anyOf === undefined || preset.anyOf.some(has)) &&
    !(preset.excludes ?? []).some(hasExactly)
  );
}

function mapColumns(
  preset: EntityPreset,
  normalized: string[],
  columns: Map<string, number>,
  fallbacks: Map<string, number[]>
): Map<string, number> {
  const used = new Set([...columns.values(), ...[...fallbacks.values()].flat()]);
  for (const [column, aliases] of Object.entries(preset.columns)) {
    if (columns.has(column)) continue;
    for (const alias of aliases) {
      // a header repeated in the file ("阶段" twice) is one more source for the column, read where the first is blank
      const label = normalizeLabel(alias);
      for (let index = normalized.indexOf(label); index !== -1; index = normalized.indexOf(label, index + 1)) {
        if (used.has(index)) continue;
        used.add(index);
        if (!columns.has(column)) columns.set(column, index);
        else fallbacks.set(column, [...(fallbacks.get(column) ?? []), index]);
      }
    }
  }
  return columns;
}

function describe(
  entity: EntityName,
  source: Recognition["source"],
  columns: Map<string, number>,
  fallbacks: Map<string, number[]>,
  headers: string[],
  constants = new Map<string, string>()
): Recognition {
  const used = new Set([...columns.values(), ...[...fallbacks.values()].flat()]);
  return {
    entity,
    source,
    columns,
    constants,
    fallbacks,
    missingRequired: ENTITIES[entity].columns
      .filter((c) => c.required && !columns.has(c.name) && !constants.has(c.name))
      .map((c) => c.name),
    unmapped: headers.filter((_, i) => !used.has(i)),
    features: []
  };
}

function isHinted(entity: EntityName, file: string): boolean {
  const name = normalizeLabel(basename(file));
  return FILE_HINTS[entity].some((hint) => name.includes(hint));
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Every header any preset knows, normalised: used to find the header row under title lines. */
export function knownHeaders(): Set<string> {
  const known = new Set<string>();
  for (const preset of Object.values(PRESETS)) {
    for (const entity of Object.values(preset.entities)) {
      for (const aliases of Object.values(entity?.columns ?? {}))
        for (const alias of aliases) known.add(normalizeLabel(alias));
    }
  }
  return known;
}

function columnCount(headers: string[]): string {
  return `${headers.length} column${headers.length === 1 ? "" : "s"}`;
}
