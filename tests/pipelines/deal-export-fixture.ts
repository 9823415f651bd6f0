import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {Random} from "../../pipelines/stats/random.ts";

export const DEALS_EXPORTED_AT = "2026-11-20";
const CLOSED = 900;
const OPEN = 60;
const DEAL_TYPES = ["New Business", "Upsell", "Renewal"] as const;

/**
 * A deals export with two columns of the CRM's own, known when a deal is created: "Lead Score" (0–100, blank for
 * one deal in 30) and "Deal Type". A deal is won with log-odds −1 + 0.06 × (lead score − 50) (blank: 0), +1.8 for
 * a renewal, +0.6 for an upsell, +0.3 from referrals; the built-in columns (source, owner, amount) say little.
 * CLOSED deals are created 16 hours apart from 2024-01-01 and close 15–135 days later; OPEN ones were created in
 * the export's last 80 days. The third deal's lead score reads "high". Seeded: every run writes the same file.
 */
export function dealsCsv(seed = 16): string {
  const random = new Random(seed);
  const header = ["Deal ID", "Created", "Stage", "Closed", "Amount", "Source", "Owner", "Lead Score", "Deal Type"];
  const lines: string[] = [];
  const start = Date.parse("2024-01-01T00:00:00Z");
  const day = 86_400_000;
  const iso = (time: number) => new Date(time).toISOString().slice(0, 19).replace("T", " ");
  for (let i = 0; i < CLOSED + OPEN; i++) {
    const isOpen = i >= CLOSED;
    const created = isOpen ? Date.parse(DEALS_EXPORTED_AT) - (80 - (i - CLOSED)) * day : start + i * 16 * 3_600_000;
    const source = random.pick(["referral", "website", "trade_show", "wechat"]);
    const score = random.chance(1 / 30) ? NaN : random.int(0, 100);
    const type = random.weighted(DEAL_TYPES, (t) => [60, 25, 15][DEAL_TYPES.indexOf(t)]);
    const logOdds =
      -1 +
      (Number.isNaN(score) ? 0 : 0.06 * (score - 50)) +
      (type === "Renewal" ? 1.8 : type === "Upsell" ? 0.6 : 0) +
      (source === "referral" ? 0.3 : 0);
    const won = random.chance(1 / (1 + Math.exp(-logOdds)));
    const closed = created + random.int(15, 135) * day;
    lines.push(
      [
        `D${String(i + 1).padStart(4, "0")}`,
        iso(created),
        isOpen ? random.pick(["potential", "intent"]) : won ? "won" : "lost",
        isOpen ? "" : iso(closed),
        String(random.int(10, 200) * 1000),
        source,
        random.pick(["r1", "r2", "r3"]),
        i === 2 ? "high" : Number.isNaN(score) ? "" : String(score),
        type
      ].join(",")
    );
  }
  return [header.join(","), ...lines].join("\n") + "\n";
}

/** The mapping file that reads the export; `withFeatures` false declares none of its own columns. */
export function dealsMapping(withFeatures: boolean) {
  return {
    files: {
      "deals.csv": {
        entity: "opportunities",
        columns: {
          "Deal ID": "opportunity_id",
          Created: "created_at",
          Stage: "stage",
          Closed: "closed_at",
          Amount: "amount",
          Source: "source",
          Owner: "owner_rep_id"
        },
        currency: "CNY"
      }
    },
    exportedAt: DEALS_EXPORTED_AT,
    ...(withFeatures
      ? {
          features: {
            opportunities: [
              {column: "Lead Score", name: "lead_score", kind: "numeric"},
              {column: "Deal Type", name: "deal_type", kind: "categorical"}
            ]
          }
        }
      : {})
  };
}

/** Writes deals.csv and shangji-mapping.json into `folder`. */
export function writeDealExport(folder: string, withFeatures: boolean): void {
  writeFileSync(join(folder, "deals.csv"), dealsCsv());
  writeFileSync(join(folder, "shangji-mapping.json"), JSON.stringify(dealsMapping(withFeatures), null, 2));
}
