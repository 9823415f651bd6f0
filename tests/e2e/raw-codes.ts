import {readdirSync} from "node:fs";
import {join} from "node:path";
import {PROJECT_ROOT} from "../../site/build-site.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {readRows} from "../../warehouse/read-rows.ts";

const CODES_SQL = `
WITH codes AS (
  SELECT source AS code FROM opportunities UNION SELECT source FROM leads UNION SELECT channel FROM marketing_spend
  UNION SELECT stage FROM opportunities UNION SELECT stage FROM stages
  UNION SELECT type FROM activities UNION SELECT category FROM tickets
)
SELECT DISTINCT code FROM codes
-- identifiers only: a value exported as words (价格过高) already is a name
WHERE regexp_full_match(code, '[a-z][a-z0-9_]*')
  -- a code that is also a column's name (email) shows as that column on the data-quality page
  AND code NOT IN (SELECT column_name FROM information_schema.columns)
ORDER BY code`;

/**
 * The codes in the warehouse that pages must show by their names: channels (sources), stages, activity types
 * and ticket categories, and the rep ids that reasons must name by the rep's name.
 */
export async function readRawCodes(path: string): Promise<{codes: string[]; repIds: string[]}> {
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const codes = await readRows<{code: string}>(warehouse.connection, CODES_SQL);
    const reps = await readRows<{rep_id: string}>(warehouse.connection, "SELECT rep_id FROM reps ORDER BY rep_id");
    return {codes: codes.map((row) => row.code), repIds: reps.map((row) => row.rep_id)};
  } finally {
    warehouse.close();
  }
}

/** `code in "…context…"` for each whole-word occurrence of one of `codes` in `text`. */
export function findCodes(text: string, codes: string[]): string[] {
  if (codes.length === 0) return [];
  const pattern = new RegExp(`(?<![\\w-])(${codes.join("|")})(?![\\w-])`, "g");
  return [...text.matchAll(pattern)].map(
    (match) =>
      `${match[1]} in "…${text.slice(Math.max(0, match.index - 30), match.index + match[1].length + 30).replace(/\s+/g, " ")}…"`
  );
}

/**
 * The words of the English site's own texts (src/locales): a code that is one of them ("won", "visit") cannot be
 * told from the prose it appears in on the English site.
 */
export async function englishWords(): Promise<Set<string>> {
  const words = new Set<string>();
  const folder = join(PROJECT_ROOT, "src", "locales");
  for (const file of readdirSync(folder)) {
    const texts = (await import(join(folder, file))) as Record<string, {en?: Record<string, string>}>;
    for (const {en} of Object.values(texts))
      for (const text of Object.values(en ?? {})) for (const word of text.match(/\w+/g) ?? []) words.add(word);
  }
  return words;
}
