import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {stringify} from "csv-stringify/sync";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {openWarehouse} from "../../loaders/warehouse/open-warehouse.ts";
import {readRows} from "../../loaders/warehouse/read-rows.ts";
import {readCsvFile} from "./read-csv-file.ts";

/** An account name that is also markup: pages must show it as text, never run it. */
export const HOSTILE_NAME = "<img src=x onerror=alert(1)>";

/** Later than the sample's export (2026-11-20) on the same day, so the site's periods stay the same. */
const HOSTILE_EXPORTED_AT = "2026-11-20T12:00:00Z";

/**
 * The warehouse the browser tests build from: the sample exports, then a second, later export of one
 * account — the one with the most won deals, which pages listing customers are likely to show —
 * renamed to HOSTILE_NAME.
 */
export async function makeE2eWarehouse(folder: string): Promise<{warehouse: string; hostileAccountId: string}> {
  const warehouse = join(folder, "warehouse.duckdb");
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
