import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";

/**
 * A hand-made warehouse. Ingest 1 (partial): reps.csv (2 rows loaded), opportunities.csv (5 loaded,
 * 3 quarantined), leads.csv (its 1 row quarantined), notes.txt (rejected, no entity). Ingest 2: a
 * later quotes.csv whose 1 row was quarantined. The 5 opportunities were created Jan–Mar 2024
 * (Jan: 1 won + 1 lost, Feb: 2 open, Mar: 1 won). The quarantined values are fake personal data
 * that must never reach the site.
 */
export const SMALL_WAREHOUSE_SQL = `
INSERT INTO ingests VALUES
  (1, '2024-04-01 08:00:00', '2024-04-01 08:00:05', '2024-03-31 23:00:00', 3, 11, 7, 4, 'partial', NULL, 0),
  (2, '2024-04-02 08:00:00', '2024-04-02 08:00:01', '2024-04-02 07:00:00', 1, 1, 0, 1, 'loaded', NULL, 0);
INSERT INTO ingest_files VALUES
  (1, 'exports/reps.csv', 'a', 10, 'reps', 'generic', 'utf-8', 'csv', 2, 2, 0, 'loaded', NULL, 0),
  (1, 'exports/opportunities.csv', 'b', 10, 'opportunities', 'generic', 'utf-8', 'csv', 8, 5, 3, 'loaded', NULL, 0),
  (1, 'exports/leads.csv', 'c', 10, 'leads', 'generic', 'utf-8', 'csv', 1, 0, 1, 'loaded', NULL, 0),
  (1, 'exports/notes.txt', 'd', 10, NULL, NULL, NULL, NULL, 0, 0, 0, 'rejected', 'not a table', 0),
  (2, 'exports-2/quotes.csv', 'e', 10, 'quotes', 'generic', 'utf-8', 'csv', 1, 0, 1, 'loaded', NULL, 0);
INSERT INTO quarantine VALUES
  (1, 'exports/opportunities.csv', 'opportunities', 9, 'amount', 'n/a', 'not an amount', 'amount', 'row'),
  (1, 'exports/opportunities.csv', 'opportunities', 4, 'amount', '¥12,3x', 'not an amount', 'amount', 'row'),
  (1, 'exports/opportunities.csv', 'opportunities', 6, 'created_at', NULL, 'missing required value', 'required', 'row'),
  (1, 'exports/leads.csv', 'leads', 2, 'email', 'Zhang San <zhang.san@example.com>', 'not an e-mail', 'email', 'row'),
  (2, 'exports-2/quotes.csv', 'quotes', NULL, NULL, NULL, 'duplicate key', 'unique', 'row');
INSERT INTO reps (rep_id, name, _ingest_id, _file, _line) VALUES
  ('r1', 'Li Lei', 1, 'exports/reps.csv', 2), ('r2', 'Han Meimei', 1, 'exports/reps.csv', 3);
INSERT INTO opportunities (opportunity_id, owner_rep_id, amount, stage, created_at, outcome, _ingest_id, _file, _line) VALUES
  ('o1', 'r1', 1000, 'won', '2024-01-05 10:00:00', 'won', 1, 'exports/opportunities.csv', 2),
  ('o2', 'r1', 2000, 'lost', '2024-01-31 23:30:00', 'lost', 1, 'exports/opportunities.csv', 3),
  ('o3', 'r2', 3000, 'intent', '2024-02-01 00:00:00', 'open', 1, 'exports/opportunities.csv', 5),
  ('o4', 'r2', 4000, 'potential', '2024-02-29 12:00:00', 'open', 1, 'exports/opportunities.csv', 7),
  ('o5', 'r2', 5000, 'won', '2024-03-10 09:15:00', 'won', 1, 'exports/opportunities.csv', 8);
`;

/** Creates the small warehouse in a new temp folder and returns its path. */
export async function makeSmallWarehouse(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), "shangji-site-")), "warehouse.duckdb");
  const warehouse = await openWarehouse(path);
  try {
    await warehouse.connection.run(SMALL_WAREHOUSE_SQL);
  } finally {
    warehouse.close();
  }
  return path;
}
