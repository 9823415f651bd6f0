import {ENTITIES, ENTITY_NAMES, type EntityName} from "./entities.ts";

/** A column that points at another table's key (opportunities.account_id → accounts.account_id). */
export interface Reference {
  table: EntityName;
  column: string;
  target: EntityName;
  key: string;
}

/** Every reference of the schema, in schema order. */
export const REFERENCES: Reference[] = ENTITY_NAMES.flatMap((table) =>
  ENTITIES[table].columns
    .filter((column) => column.references)
    .map((column) => ({
      table,
      column: column.name,
      target: column.references!,
      key: ENTITIES[column.references!].key[0]
    }))
);

/**
 * SQL for the orphans of a reference: how many non-null values match no row of the target, and the
 * smallest of them (n_orphans, example). Names come from the schema, never from input.
 */
export function orphansSql({table, column, target, key}: Reference): string {
  return `SELECT count(*)::INTEGER AS n_orphans, min(x.${column}) AS example
    FROM ${table} x ANTI JOIN ${target} t ON t.${key} = x.${column} WHERE x.${column} IS NOT NULL`;
}

/** The columns that name a product of the catalogue (opportunities.product, quotes.product). */
export const PRODUCT_REFERENCES = REFERENCES.filter((reference) => reference.target === "products");

/**
 * A product name as SQL reduces it before comparing: lower case, without spaces or punctuation, so that
 * `GTXPro`, `gtx-pro` and ` GTX  Pro ` all read `gtxpro`. productKey does the same in TypeScript.
 */
export function productKeySql(expression: string): string {
  return String.raw`lower(regexp_replace(${expression}, '[\s\p{Z}\p{P}]+', '', 'g'))`;
}

export function productKey(value: string): string {
  return value.toLowerCase().replace(/[\s\p{Z}\p{P}]+/gu, "");
}

/** A product value of deals or quotes that names no product of the catalogue exactly, and the one it probably means. */
export interface ProductNearMiss {
  /** the value as deals and quotes carry it */
  value: string;
  /** the catalogue name it matches once case, spaces and punctuation are ignored (the id of a product without a name) */
  probable_name: string;
  /** opportunities whose product is the value */
  n_opportunities: number;
  /** quotes whose product is the value */
  n_quotes: number;
}

/**
 * SQL for the product values of deals and quotes that match no catalogue id or name exactly but match one
 * product once case, spaces and punctuation are ignored (productKeySql): per value, the catalogue name it
 * probably means (its id where it has no name) and how many rows of each referring table carry it, the most
 * carried first. A value two products could match is left out: it is an orphan, and no guess.
 */
export function productNearMissesSql(): string {
  const counts = PRODUCT_REFERENCES.map(
    ({table}) => `count(*) FILTER (WHERE source = '${table}')::INTEGER AS n_${table}`
  );
  const used = PRODUCT_REFERENCES.map(
    ({table, column}) => `SELECT '${table}' AS source, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL`
  );
  return `WITH catalogue AS (
  SELECT product_id, coalesce(name, product_id) AS name, unnest([${productKeySql("product_id")}, ${productKeySql("name")}]) AS key
  FROM products
),
keys AS (
  SELECT key, min(name) AS probable_name FROM catalogue
  WHERE key IS NOT NULL AND key <> ''
  GROUP BY key HAVING count(DISTINCT product_id) = 1
),
used AS (
  ${used.join("\n  UNION ALL ")}
),
unmatched AS (
  SELECT value, ${counts.join(", ")} FROM used
  -- an exact id or name is no near miss: ingest resolved the names, and a name two products share stays an orphan
  WHERE value NOT IN (SELECT product_id FROM products) AND value NOT IN (SELECT name FROM products WHERE name IS NOT NULL)
  GROUP BY value
),
final AS (
  SELECT u.value, k.probable_name, ${PRODUCT_REFERENCES.map(({table}) => `u.n_${table}`).join(", ")}
  FROM unmatched u JOIN keys k ON k.key = ${productKeySql("u.value")}
  ORDER BY ${PRODUCT_REFERENCES.map(({table}) => `u.n_${table}`).join(" + ")} DESC, u.value
)
SELECT * FROM final`;
}
