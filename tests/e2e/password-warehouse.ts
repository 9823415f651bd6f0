import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {stringify} from "csv-stringify/sync";
import {ingest} from "../../loaders/ingest/ingest.ts";

export const EXPORTED_AT = "2026-06-30T12:00:00Z";
const FIRST_DAY = Date.UTC(2025, 0, 3);
const DAY = 86_400_000;

/** Opportunities in the exports: a count with four digits, which no text of the site writes by itself. */
export const OPPORTUNITY_COUNT = 1357;

// names that no text, chart or library of the site holds by itself
const REPS = [
  ["QZREP01", "Quentin Zarzycki", "Team Vermilion Quokka", "Xanadu Northreach"],
  ["QZREP02", "Yolanda Pewterschmidt", "Team Vermilion Quokka", "Xanadu Northreach"],
  ["QZREP03", "Ignatius Brambleworth", "Team Cerulean Zither", "Xanadu Southmarch"]
];
const ACCOUNTS = [
  ["QZACC01", "Abernathy Quokka Holdings"],
  ["QZACC02", "Brindlewood Zither Works"],
  ["QZACC03", "Corvalis Yarrow Trading"]
];
const CHANNELS = ["Expo Quokkafair", "Zither Webinars", "Yarrow Referrals"];
const PRODUCTS = ["Quokkameter Pro", "Zitherlink Suite"];
const STAGES = ["potential", "intent", "negotiation"];

/** The largest deal, still open (its rep's page lists it): an amount of seven distinct digits. */
export const LARGEST_AMOUNT = 8_765_432;
const LARGEST_DEAL = 2;

/**
 * A warehouse of made-up exports whose names and figures the site shows once opened: three reps in two
 * teams and regions, three accounts, three channels, two products and OPPORTUNITY_COUNT opportunities
 * created from January 2025 to June 2026, a third of them won, a third lost; the exports are kept in
 * `exports/` of `folder`.
 */
export async function makePasswordWarehouse(folder: string): Promise<{warehouse: string; exports: string}> {
  const exports = join(folder, "exports");
  mkdirSync(exports, {recursive: true});
  const csv = (name: string, rows: (string | number)[][]) => writeFileSync(join(exports, name), stringify(rows));
  csv("reps.csv", [["rep_id", "name", "team", "region"], ...REPS]);
  csv("accounts.csv", [
    ["account_id", "name", "industry", "size_band", "province"],
    ...ACCOUNTS.map(([id, name]) => [id, name, "manufacturing", "200-999", "Zhejiang"])
  ]);
  const opportunities: (string | number)[][] = [];
  for (let i = 0; i < OPPORTUNITY_COUNT; i++) {
    // one after the other over 520 days; outcome, channel, rep and account vary independently, so every
    // period and filter value of the site has deals won, lost and open
    const created = new Date(FIRST_DAY + Math.floor((i * 520) / OPPORTUNITY_COUNT) * DAY + (i % 7) * 3_600_000);
    const closed = new Date(created.getTime() + (3 + (i % 11)) * DAY);
    const outcome = ["won", "lost", "open"][i % 3];
    opportunities.push([
      `QZOPP${String(i + 1).padStart(5, "0")}`,
      ACCOUNTS[Math.floor(i / 27) % ACCOUNTS.length][0],
      CHANNELS[Math.floor(i / 3) % CHANNELS.length],
      REPS[Math.floor(i / 9) % REPS.length][0],
      i === LARGEST_DEAL ? LARGEST_AMOUNT : 20_000 + ((i * 7_919) % 480_000),
      "CNY",
      outcome === "open" ? STAGES[i % STAGES.length] : outcome,
      created.toISOString(),
      outcome === "open" ? "" : closed.toISOString(),
      outcome,
      PRODUCTS[Math.floor(i / 2) % PRODUCTS.length]
    ]);
  }
  csv("opportunities.csv", [
    [
      "opportunity_id",
      "account_id",
      "source",
      "owner_rep_id",
      "amount",
      "currency",
      "stage",
      "created_at",
      "closed_at",
      "outcome",
      "product"
    ],
    ...opportunities
  ]);
  writeFileSync(join(exports, "shangji-mapping.json"), JSON.stringify({exportedAt: EXPORTED_AT}));
  const warehouse = join(folder, "warehouse.duckdb");
  const result = await ingest({paths: [exports], warehouse});
  if (result.rowsQuarantined > 0 || result.files.some((f) => f.status !== "loaded")) {
    throw new Error(`the exports did not load whole: ${JSON.stringify(result.files)}`);
  }
  return {warehouse, exports};
}
