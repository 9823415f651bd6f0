import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {stringify} from "csv-stringify/sync";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {readCsvFile} from "./read-csv-file.ts";

/** An account name that is also markup: pages must show it as text, never run it. */
export const HOSTILE_NAME = "<img src=x onerror=alert(1)>";

/** Later than the sample's export (2026-11-20) on the same day, so the site's periods stay the same. */
const HOSTILE_EXPORTED_AT = "2026-11-20T12:00:00Z";

/** People who appear only in the rows of PERSONAL_EXPORT that ingest rejects or sets aside. */
export const SET_ASIDE_PEOPLE = [
  {name: "欧阳娜娜", email: "ouyang.nana@example.cn", phone: "13912345678"},
  {name: "Quentin Marlowe", email: "q.marlowe@example.org", phone: "+44 20 7946 0321"},
  {name: "司马光明", email: "sima.guangming@example.com", phone: "13787654321"},
  {name: "Ingrid Solberg", email: "ingrid.solberg@example.no", phone: "+47 22 33 44 55"}
];

/**
 * A later export holding personal data only where ingest rejects or quarantines it: a contacts file
 * without its header row (its first row would be read as the header), and leads whose dates cannot be
 * read. Nothing of them may reach the site, its build report or a digest.
 */
export function writePersonalExport(folder: string): string {
  const exports = join(folder, "personal-export");
  mkdirSync(exports);
  const [a, b, c, d] = SET_ASIDE_PEOPLE;
  writeFileSync(
    join(exports, "contacts.csv"),
    stringify([a, b].map((p, i) => [`C9${i}`, "A00001", p.name, "采购经理", "03-14", p.email, p.phone]))
  );
  writeFileSync(
    join(exports, "leads.csv"),
    stringify([
      ["lead_id", "created_at", "source", "company", "contact_name", "email", "phone"],
      ["L900001", "下周一", "weibo", "示例贸易有限公司", c.name, c.email, c.phone],
      ["L900002", "31/31/2026", "referral", "Example Trading Ltd", d.name, d.email, d.phone]
    ])
  );
  writeFileSync(join(exports, "shangji-mapping.json"), JSON.stringify({exportedAt: HOSTILE_EXPORTED_AT}));
  return exports;
}

/**
 * The warehouse the browser tests build from: the sample's two exports, then a third, later export of one
 * account — the one with the most won deals, which pages listing customers are likely to show —
 * renamed to HOSTILE_NAME.
 */
export async function makeE2eWarehouse(folder: string): Promise<{warehouse: string; hostileAccountId: string}> {
  const warehouse = join(folder, "warehouse.duckdb");
  // as a fresh build does: the sample's earlier export first, so the pipeline page has changes to show
  await ingest({paths: ["data/sample-earlier"], warehouse});
  await ingest({paths: ["data/sample"], warehouse});
  const hostileAccountId = await mostWonAccount(warehouse);
  const accounts = await readCsvFile("data/sample/accounts.csv");
  const [header, ...rows] = accounts;
  const row = rows.find((fields) => fields[0] === hostileAccountId);
  if (!row) throw new Error(`account ${hostileAccountId} is not in data/sample/accounts.csv`);
  const nameColumn = header.findIndex((column) => column === "客户名称" || column === "name");
  if (nameColumn < 0) throw new Error(`no account name column in data/sample/accounts.csv: ${header.join(", ")}`);
  const renamed = row.map((value, i) => (i === nameColumn ? HOSTILE_NAME : value));
  const extra = join(folder, "hostile-export");
  mkdirSync(extra);
  writeFileSync(join(extra, "accounts.csv"), stringify([header, renamed]));
  writeFileSync(join(extra, "shangji-mapping.json"), JSON.stringify({exportedAt: HOSTILE_EXPORTED_AT}));
  const result = await ingest({paths: [extra], warehouse});
  if (result.rowsLoaded !== 1) throw new Error(`the renamed account did not load: ${JSON.stringify(result.files)}`);
  return {warehouse, hostileAccountId};
}

async function mostWonAccount(path: string): Promise<string> {
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const [top] = await readRows<{account_id: string}>(
      warehouse.connection,
      `SELECT account_id FROM opportunities WHERE outcome = 'won' AND account_id IS NOT NULL
       GROUP BY account_id ORDER BY count(*) DESC, account_id LIMIT 1`
    );
    return top.account_id;
  } finally {
    warehouse.close();
  }
}
