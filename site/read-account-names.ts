import {listValue, type DuckDBConnection} from "@duckdb/node-api";
import {readRows} from "../warehouse/read-rows.ts";

/**
 * Account names by id for the few accounts a page lists (ids without an account row or name are absent):
 * pages read names for the rows they show only, and write them in `account_name` fields.
 */
export async function readAccountNames(
  connection: DuckDBConnection,
  ids: (string | null)[]
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await readRows<{account_id: string; account_name: string}>(
    connection,
    // a join, not list_contains: that compares every account with every id
    `WITH listed AS (SELECT unnest($ids) AS account_id)
     SELECT account_id, a.name AS account_name FROM accounts a JOIN listed USING (account_id)
     WHERE a.name IS NOT NULL`,
    {ids: listValue(wanted)}
  );
  return new Map(rows.map((row) => [row.account_id, row.account_name]));
}
