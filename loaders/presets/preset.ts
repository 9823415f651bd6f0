import type {EntityName} from "../../warehouse/schema/entities.ts";

/** How one CRM names the columns of one entity. */
export interface EntityPreset {
  /** canonical column → source headers, in order of preference (matched case- and space-insensitively) */
  columns: Record<string, string[]>;
  /** source headers that must all be present for a file to be recognised as this entity */
  signature?: string[];
  /** source headers of which at least one must be present (API name or report label of the same field) */
  anyOf?: string[];
  /** source headers whose presence rules this entity out (e.g. OpportunityId in an opportunity history) */
  excludes?: string[];
}

export interface Preset {
  name: PresetName;
  description: string;
  /** time zone of timestamps that carry none */
  timezone: string;
  /** currency of amounts that carry none */
  currency: string;
  /** source stage label → canonical stage */
  stages: Record<string, string>;
  entities: Partial<Record<EntityName, EntityPreset>>;
}

export const PRESET_NAMES = ["generic", "salesforce", "hubspot", "pipedrive", "zh"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];
