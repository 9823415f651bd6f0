import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {Random} from "../../pipelines/stats/random.ts";

/** The fixture's export date: every lead captured by 2026-07-31 has had its 90 days. */
export const EXPORTED_AT = "2026-11-20T00:00:00Z";
export const LABELLED = 2400;
export const OPEN = 120;
/** the data row whose "Total Time Spent on Website" reads "about 5" (line 2 holds the first lead) */
export const BAD_ROW = 17;

const SOURCES = ["Google", "Direct Traffic", "Olark Chat", "Organic Search", "Reference"] as const;
const ORIGINS = ["Landing Page Submission", "API", "Lead Add Form", "Lead Import"] as const;
const OCCUPATIONS = ["Unemployed", "Working Professional", "Student", "Other", "Housewife", "Businessman"] as const;

/** One lead as generated: what the export says, and the truth the tests fit on. */
export interface FixtureLead {
  lead_id: string;
  created_at: string;
  source: string;
  owner: string;
  origin: string;
  /** null where the export says "Select" (the export's placeholder for missing) */
  occupation: string | null;
  /** seconds; NaN where blank, or where the export holds "about 5" */
  time_on_site: number;
  /** NaN where blank */
  visits: number;
  converted: boolean;
  is_open: boolean;
}

/**
 * A lead export like the ones marketing-automation tools write (Prospect ID, Lead Source, Lead Origin, Total Time
 * Spent on Website, TotalVisits, What is your current occupation …), with a known conversion model: the lead source
 * moves the log-odds some (Reference +1.5, Olark Chat −0.8, Direct Traffic −0.3), the extra columns a lot — time on site
 * +2.4 per 1 000 seconds, visits +0.08 each (blank: +0), Lead Add Form +1.5, Lead Import −0.5, API −0.3, a
 * working professional +2.0, a student −0.3, occupation missing −0.8; intercept −2.8. LABELLED leads are captured
 * an hour apart or more from 2024-06-01 on, and OPEN ones in the export's last 60 days, none converted yet.
 * Seeded, so every run writes the same file.
 */
export function generateLeads(seed = 16): FixtureLead[] {
  const random = new Random(seed);
  const leads: FixtureLead[] = [];
  const start = Date.parse("2024-06-01T00:00:00Z");
  const span = Date.parse("2026-07-31T00:00:00Z") - start;
  const openStart = Date.parse(EXPORTED_AT) - 60 * 86_400_000;
  for (let i = 0; i < LABELLED + OPEN; i++) {
    const isOpen = i >= LABELLED;
    const at = isOpen
      ? openStart + Math.floor(((i - LABELLED) * 55 * 86_400_000) / OPEN)
      : start + Math.floor((i * span) / LABELLED);
    const source = random.weighted(
      SOURCES,
      (s) => ({Google: 4, "Direct Traffic": 3, "Olark Chat": 2})[s as string] ?? 1
    );
    const origin = random.weighted(ORIGINS, (o) => [45, 35, 14, 6][ORIGINS.indexOf(o)]);
    const occupation = random.chance(0.15)
      ? null
      : random.weighted(OCCUPATIONS, (o) => [60, 20, 10, 4, 1, 1][OCCUPATIONS.indexOf(o)]);
    const time = random.chance(0.25) ? 0 : random.int(10, 2200);
    const visits = random.chance(0.04) ? NaN : random.int(0, 15);
    const logOdds =
      -2.8 +
      (source === "Reference" ? 1.5 : source === "Olark Chat" ? -0.8 : source === "Direct Traffic" ? -0.3 : 0) +
      2.4 * (time / 1000) +
      (Number.isNaN(visits) ? 0 : 0.08 * visits) +
      ({"Lead Add Form": 1.5, "Lead Import": -0.5, API: -0.3}[origin as string] ?? 0) +
      (occupation === null ? -0.8 : occupation === "Working Professional" ? 2 : occupation === "Student" ? -0.3 : 0);
    const converted = !isOpen && random.chance(1 / (1 + Math.exp(-logOdds)));
    leads.push({
      lead_id: `P${String(i + 1).padStart(5, "0")}`,
      created_at: new Date(at).toISOString().slice(0, 19).replace("T", " "),
      source,
      owner: random.pick(["u1", "u2", "u3", "u4"]),
      origin,
      occupation,
      time_on_site: i === BAD_ROW - 1 ? NaN : time,
      visits,
      converted,
      is_open: isOpen
    });
  }
  return leads;
}

/** The export as CSV: row k of the leads is line k + 2. */
export function leadsCsv(leads: FixtureLead[]): string {
  const header = [
    "Prospect ID",
    "Created On",
    "Lead Source",
    "Lead Owner",
    "Lead Origin",
    "What is your current occupation",
    "Total Time Spent on Website",
    "TotalVisits",
    "Converted On"
  ];
  const lines = leads.map((lead, k) => {
    const converted = lead.converted
      ? new Date(Date.parse(`${lead.created_at.replace(" ", "T")}Z`) + 3 * 86_400_000).toISOString().slice(0, 10)
      : "";
    return [
      lead.lead_id,
      lead.created_at,
      lead.source,
      lead.owner,
      lead.origin,
      lead.occupation ?? "Select",
      k === BAD_ROW - 1 ? "about 5" : String(lead.time_on_site),
      Number.isNaN(lead.visits) ? "" : String(lead.visits),
      converted
    ].join(",");
  });
  return [header.join(","), ...lines].join("\n") + "\n";
}

/** The mapping file that reads the export; `withFeatures` false declares none of its extra columns. */
export function leadsMapping(withFeatures: boolean) {
  return {
    files: {
      "leads.csv": {
        entity: "leads",
        columns: {
          "Prospect ID": "lead_id",
          "Created On": "created_at",
          "Lead Source": "source",
          "Lead Owner": "owner_rep_id",
          "Converted On": "converted_at"
        }
      }
    },
    missing: ["Select"],
    exportedAt: EXPORTED_AT.slice(0, 10),
    ...(withFeatures
      ? {
          features: {
            leads: [
              {column: "Total Time Spent on Website", name: "time_on_site", kind: "numeric"},
              {column: "TotalVisits", name: "visits", kind: "numeric"},
              {column: "Lead Origin", name: "lead_origin", kind: "categorical"},
              {column: "What is your current occupation", name: "occupation", kind: "categorical"}
            ]
          }
        }
      : {})
  };
}

/** Writes leads.csv and shangji-mapping.json into `folder`. */
export function writeLeadExport(folder: string, leads: FixtureLead[], withFeatures: boolean): void {
  writeFileSync(join(folder, "leads.csv"), leadsCsv(leads));
  writeFileSync(join(folder, "shangji-mapping.json"), JSON.stringify(leadsMapping(withFeatures), null, 2));
}

/**
 * The same leads as some lead exports give them: no capture or conversion date, only a `Converted` flag of 0 or 1
 * (an open lead reads 0), and the extra columns declared as features.
 */
export function writeUndatedLeadExport(folder: string, leads: FixtureLead[]): void {
  const header = ["Prospect ID", "Lead Source", "Lead Origin", "What is your current occupation"];
  const numbers = ["Total Time Spent on Website", "TotalVisits", "Converted"];
  const lines = leads.map((lead) =>
    [
      lead.lead_id,
      lead.source,
      lead.origin,
      lead.occupation ?? "Select",
      Number.isNaN(lead.time_on_site) ? "" : String(lead.time_on_site),
      Number.isNaN(lead.visits) ? "" : String(lead.visits),
      lead.converted ? "1" : "0"
    ].join(",")
  );
  writeFileSync(join(folder, "leads.csv"), [[...header, ...numbers].join(","), ...lines].join("\n") + "\n");
  const {features} = leadsMapping(true);
  const mapping = {
    files: {"leads.csv": {entity: "leads", columns: {"Prospect ID": "lead_id", "Lead Source": "source"}}},
    missing: ["Select"],
    exportedAt: EXPORTED_AT.slice(0, 10),
    features
  };
  writeFileSync(join(folder, "shangji-mapping.json"), JSON.stringify(mapping, null, 2));
}
