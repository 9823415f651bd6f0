import {ENTITIES, ENTITY_NAMES} from "../../warehouse/schema/entities.ts";
import type {EntityPreset, Preset} from "./preset.ts";

/** Extra English spellings; the canonical column name itself is always accepted. */
const SYNONYMS: Record<string, string[]> = {
  created_at: ["created", "created date", "create date", "creation date"],
  owner_rep_id: ["owner", "owner id", "rep id", "sales rep"],
  expected_close_at: ["close date", "expected close date"],
  amount: ["value", "deal value"],
  source: ["lead source", "channel"],
  occurred_at: ["date", "activity date"],
  entered_at: ["changed at", "date entered"],
  family: ["product family", "product line"],
  list_price: ["list price", "price", "unit price"],
  rate_date: ["date", "month", "rate date"],
  rate: ["exchange rate", "fx rate"],
  planned_at: ["planned date", "plan date", "scheduled date"],
  planned_amount: ["planned amount", "plan amount", "scheduled amount"],
  received_at: ["received date", "payment date", "paid date"],
  received_amount: ["received amount", "amount received"],
  is_converted: ["converted", "is converted"]
};

function entityPreset(name: (typeof ENTITY_NAMES)[number]): EntityPreset {
  const columns: Record<string, string[]> = {};
  for (const column of ENTITIES[name].columns) columns[column.name] = [column.name, ...(SYNONYMS[column.name] ?? [])];
  // a bare Id column marks a vendor export (Salesforce), whose ContactId, AccountId … are references, not keys
  // a plain date,currency,rate file: its date column has no canonical name to recognise it by
  const signature = name === "exchange_rates" ? ["currency", "rate"] : ENTITIES[name].key;
  return {columns, signature, excludes: ["Id"]};
}

export const generic: Preset = {
  name: "generic",
  description: "canonical column names (opportunity_id, created_at …), as documented in the README",
  timezone: "UTC",
  currency: "CNY",
  stages: {},
  entities: Object.fromEntries(ENTITY_NAMES.map((name) => [name, entityPreset(name)]))
};
