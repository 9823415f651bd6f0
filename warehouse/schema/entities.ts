/**
 * The canonical warehouse schema: one entry per core table. Every other part of ingest (DDL, header
 * presets, mapping files, validation SQL, the README's schema section) is derived from this list.
 */

export type ColumnType =
  | "id" // trimmed text; leading zeros kept ("00123" stays "00123")
  | "text"
  | "integer"
  | "number"
  | "amount" // money: symbols, thousands separators and decimal commas accepted; stored DECIMAL(18,2)
  | "ratio" // 0.35, 35 % or 35% → 0.35
  | "date" // calendar date, no time zone
  | "date_or_month" // a calendar date, or a month (2024-03) read as its first day
  | "timestamp" // stored in UTC; naive input is read in the export's time zone
  | "month" // 2024-03, 2024/3, 2024年3月 → first day of the month
  | "monthday" // birthdays: MM-DD
  | "stage" // a label of the stage model
  | "outcome" // open / won / lost
  | "boolean";

export interface Column {
  name: string;
  type: ColumnType;
  /**
   * the metrics need it: a key column missing rejects the row; any other missing value is loaded as
   * missing and recorded in the quarantine
   */
  required?: boolean;
  /** the entity this column points at; orphans are kept and reported */
  references?: EntityName;
  /** a time something happened, so no later than the export: an export without a date is dated by the newest */
  happened?: boolean;
  description: string;
}

export interface Entity {
  name: EntityName;
  /** grain of the table, as the README states it */
  grain: string;
  /** the columns that identify a row; a newer export with the same key replaces the row */
  key: string[];
  columns: Column[];
}

export const ENTITY_NAMES = [
  "reps",
  "accounts",
  "contacts",
  "products",
  "leads",
  "opportunities",
  "stage_history",
  "activities",
  "quotes",
  "contracts",
  "payments",
  "tickets",
  "marketing_spend",
  "quotas",
  "exchange_rates"
] as const;

export type EntityName = (typeof ENTITY_NAMES)[number];

const currency: Column = {name: "currency", type: "text", description: "ISO currency code of the amounts in the row"};

export const ENTITIES: Record<EntityName, Entity> = {
  reps: {
    name: "reps",
    grain: "one row per sales rep",
    key: ["rep_id"],
    columns: [
      {name: "rep_id", type: "id", required: true, description: "rep identifier"},
      {name: "name", type: "text", description: "display name"},
      {name: "team", type: "text", description: "sales team"},
      {name: "region", type: "text", description: "sales region"},
      {name: "manager_id", type: "id", references: "reps", description: "the rep's manager"},
      {name: "hired_at", type: "date", description: "hire date"},
      {name: "specialties", type: "text", description: "industries or products the rep is strong in, ; separated"}
    ]
  },
  accounts: {
    name: "accounts",
    grain: "one row per customer account (company)",
    key: ["account_id"],
    columns: [
      {name: "account_id", type: "id", required: true, description: "account identifier"},
      {
        name: "name",
        type: "text",
        description: "company name (off the site when `publish.hide` lists accounts, the default for a deployed site)"
      },
      {name: "industry", type: "text", description: "industry"},
      {name: "size_band", type: "text", description: "size band, e.g. 1-49, 50-199"},
      {name: "employees", type: "integer", description: "number of employees"},
      {name: "annual_revenue", type: "amount", description: "annual revenue"},
      currency,
      {name: "country", type: "text", description: "country"},
      {name: "province", type: "text", description: "province, state or region"},
      {name: "city", type: "text", description: "city"},
      {name: "credit_rating", type: "text", description: "credit rating, e.g. A, B, C"},
      {name: "created_at", type: "timestamp", happened: true, description: "when the account was created"},
      {name: "owner_rep_id", type: "id", references: "reps", description: "account owner"},
      {name: "membership_tier", type: "text", description: "loyalty tier"},
      {name: "points", type: "integer", description: "loyalty points"}
    ]
  },
  contacts: {
    name: "contacts",
    grain: "one row per contact person",
    key: ["contact_id"],
    columns: [
      {name: "contact_id", type: "id", required: true, description: "contact identifier"},
      {name: "account_id", type: "id", references: "accounts", description: "the contact's company"},
      {name: "name", type: "text", description: "full name (personal data, never published)"},
      {name: "title", type: "text", description: "job title"},
      {name: "birthday", type: "monthday", description: "birthday as MM-DD (personal data)"},
      {name: "email", type: "text", description: "e-mail (personal data)"},
      {name: "phone", type: "text", description: "phone (personal data)"}
    ]
  },
  products: {
    name: "products",
    grain: "one row per product of the catalogue",
    key: ["product_id"],
    columns: [
      {
        name: "product_id",
        type: "id",
        required: true,
        description: "product identifier; the product's name where the catalogue has no id"
      },
      {name: "name", type: "text", description: "product name, as deals and quotes may give it instead of the id"},
      {name: "family", type: "text", description: "product family or line"},
      {name: "list_price", type: "amount", description: "list price"},
      currency
    ]
  },
  leads: {
    name: "leads",
    grain: "one row per lead",
    key: ["lead_id"],
    columns: [
      {name: "lead_id", type: "id", required: true, description: "lead identifier"},
      {
        name: "created_at",
        type: "timestamp",
        required: true,
        happened: true,
        description: "when the lead was captured"
      },
      {name: "source", type: "text", description: "channel the lead came from"},
      {name: "campaign", type: "text", description: "marketing campaign"},
      {name: "owner_rep_id", type: "id", references: "reps", description: "rep who owns the lead"},
      {name: "status", type: "text", description: "lead status in the CRM"},
      {name: "converted_at", type: "timestamp", happened: true, description: "when the lead became an opportunity"},
      {
        name: "is_converted",
        type: "boolean",
        description: "the CRM's converted flag (yes/no, 1/0), for exports that give no conversion date"
      },
      {
        name: "converted_opportunity_id",
        type: "id",
        references: "opportunities",
        description: "the opportunity it became"
      },
      {name: "account_id", type: "id", references: "accounts", description: "the lead's account, once known"},
      {name: "rating", type: "text", description: "lead rating (hot, warm, cold …)"},
      {name: "company", type: "text", description: "company name as captured (personal data)"},
      {name: "contact_name", type: "text", description: "contact name as captured (personal data)"},
      {name: "email", type: "text", description: "e-mail (personal data)"},
      {name: "phone", type: "text", description: "phone (personal data)"}
    ]
  },
  opportunities: {
    name: "opportunities",
    grain: "one row per opportunity, as of the latest export",
    key: ["opportunity_id"],
    columns: [
      {name: "opportunity_id", type: "id", required: true, description: "opportunity identifier"},
      {name: "account_id", type: "id", references: "accounts", description: "customer account"},
      {name: "lead_id", type: "id", references: "leads", description: "originating lead"},
      {name: "name", type: "text", description: "opportunity name"},
      {name: "source", type: "text", description: "channel (lead source)"},
      {name: "campaign", type: "text", description: "marketing campaign"},
      {name: "owner_rep_id", type: "id", references: "reps", description: "rep who owns it"},
      {name: "amount", type: "amount", description: "potential deal amount"},
      currency,
      {name: "expected_margin", type: "ratio", description: "expected gross margin, 0–1"},
      {name: "stage", type: "stage", required: true, description: "current stage (canonical)"},
      {name: "probability", type: "ratio", description: "win probability configured in the CRM, 0–1"},
      {name: "created_at", type: "timestamp", required: true, happened: true, description: "when it was created"},
      {name: "expected_close_at", type: "date", description: "expected close date"},
      {
        name: "closed_at",
        type: "timestamp",
        happened: true,
        description: "when it was won or lost; the close date of a closed opportunity if not exported"
      },
      {name: "outcome", type: "outcome", description: "open, won or lost; from the stage when not exported"},
      {name: "lost_reason", type: "text", description: "why it was lost"},
      {name: "competitor", type: "text", description: "main competitor"},
      {
        name: "forecast_category",
        type: "text",
        description: "forecast category set in the CRM: commit, best case, pipeline or omitted"
      },
      {name: "product", type: "text", references: "products", description: "product or product line"}
    ]
  },
  stage_history: {
    name: "stage_history",
    grain: "one row per opportunity per stage entered",
    key: ["opportunity_id", "stage", "entered_at"],
    columns: [
      {
        name: "opportunity_id",
        type: "id",
        required: true,
        references: "opportunities",
        description: "the opportunity"
      },
      {name: "stage", type: "stage", required: true, description: "stage entered (canonical)"},
      {name: "entered_at", type: "timestamp", required: true, happened: true, description: "when it entered the stage"},
      {name: "amount", type: "amount", description: "amount at that moment"},
      currency
    ]
  },
  activities: {
    name: "activities",
    grain: "one row per follow-up activity",
    key: ["activity_id"],
    columns: [
      {name: "activity_id", type: "id", required: true, description: "activity identifier"},
      {name: "opportunity_id", type: "id", references: "opportunities", description: "related opportunity"},
      {name: "account_id", type: "id", references: "accounts", description: "related account"},
      {name: "rep_id", type: "id", references: "reps", description: "rep who did it"},
      {name: "type", type: "text", description: "call, email, meeting, visit, social, material_sent or other"},
      {name: "occurred_at", type: "timestamp", required: true, happened: true, description: "when it happened"},
      {name: "outcome", type: "text", description: "result noted by the rep"},
      {name: "subject", type: "text", description: "subject line"}
    ]
  },
  quotes: {
    name: "quotes",
    grain: "one row per quote",
    key: ["quote_id"],
    columns: [
      {name: "quote_id", type: "id", required: true, description: "quote identifier"},
      {name: "opportunity_id", type: "id", references: "opportunities", description: "quoted opportunity"},
      {name: "amount", type: "amount", description: "quoted amount"},
      currency,
      {name: "discount", type: "ratio", description: "discount granted, 0–1"},
      {name: "created_at", type: "timestamp", happened: true, description: "when it was issued"},
      {name: "status", type: "text", description: "draft, sent, accepted, rejected …"},
      {name: "product", type: "text", references: "products", description: "quoted product"}
    ]
  },
  contracts: {
    name: "contracts",
    grain: "one row per contract",
    key: ["contract_id"],
    columns: [
      {name: "contract_id", type: "id", required: true, description: "contract identifier"},
      {name: "opportunity_id", type: "id", references: "opportunities", description: "won opportunity"},
      {name: "account_id", type: "id", references: "accounts", description: "customer"},
      {name: "amount", type: "amount", description: "contract value"},
      currency,
      {name: "signed_at", type: "date", happened: true, description: "signature date"},
      {name: "status", type: "text", description: "active, completed, cancelled …"},
      {name: "paid_amount", type: "amount", description: "amount paid so far"},
      {name: "due_at", type: "date", description: "payment due date"}
    ]
  },
  payments: {
    name: "payments",
    grain: "one row per instalment of a contract's payment plan (回款计划), or per receipt without a plan",
    key: ["payment_id"],
    columns: [
      {name: "payment_id", type: "id", required: true, description: "payment-plan line or receipt identifier"},
      {name: "contract_id", type: "id", references: "contracts", description: "the contract it pays"},
      {name: "planned_at", type: "date", description: "date the instalment is due"},
      {name: "planned_amount", type: "amount", description: "amount due on that date"},
      {name: "received_at", type: "date", happened: true, description: "date the money arrived"},
      {name: "received_amount", type: "amount", description: "amount received"},
      currency
    ]
  },
  tickets: {
    name: "tickets",
    grain: "one row per service ticket",
    key: ["ticket_id"],
    columns: [
      {name: "ticket_id", type: "id", required: true, description: "ticket identifier"},
      {name: "account_id", type: "id", references: "accounts", description: "customer"},
      {name: "category", type: "text", description: "complaint, repair, inquiry …"},
      {name: "opened_at", type: "timestamp", required: true, happened: true, description: "when it was opened"},
      {name: "resolved_at", type: "timestamp", happened: true, description: "when it was resolved"},
      {name: "satisfaction", type: "number", description: "satisfaction score, 1–5"}
    ]
  },
  marketing_spend: {
    name: "marketing_spend",
    grain: "one row per channel per month",
    key: ["channel", "month"],
    columns: [
      {name: "channel", type: "text", required: true, description: "channel (matches opportunity source)"},
      {name: "month", type: "month", required: true, description: "first day of the month"},
      {name: "cost", type: "amount", required: true, description: "spend in the month"},
      currency
    ]
  },
  quotas: {
    name: "quotas",
    grain: "one row per rep per month",
    key: ["rep_id", "month"],
    columns: [
      {name: "rep_id", type: "id", required: true, references: "reps", description: "rep"},
      {name: "month", type: "month", required: true, description: "first day of the month"},
      {name: "quota", type: "amount", required: true, description: "revenue quota for the month"},
      currency
    ]
  },
  exchange_rates: {
    name: "exchange_rates",
    grain: "one row per currency per rate date (a monthly rate is dated the month's first day)",
    key: ["currency", "rate_date"],
    columns: [
      {name: "currency", type: "text", required: true, description: "ISO code of the currency the rate converts"},
      {
        name: "rate_date",
        type: "date_or_month",
        required: true,
        description: "the day the rate holds from, or its month (2024-03) for the whole month"
      },
      {
        name: "rate",
        type: "number",
        required: true,
        description: "units of the reporting currency one unit of the currency buys"
      }
    ]
  }
};

export function isEntityName(name: string): name is EntityName {
  return (ENTITY_NAMES as readonly string[]).includes(name);
}

/** Whether a column identifies the entity's rows: without it a row cannot be placed, and is rejected. */
export function isKeyColumn(entity: Entity, column: string): boolean {
  return entity.key.includes(column);
}
