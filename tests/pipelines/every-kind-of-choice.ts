import type {DuckDBConnection} from "@duckdb/node-api";
import {expect} from "vitest";
import type {Filters} from "../../pipelines/lib/context.ts";
import type {SliceGrid} from "../../pipelines/lib/slice-grid.ts";
import {readSitePeriods, siteNow} from "../../site/site-now.ts";
import {readRows} from "../../warehouse/read-rows.ts";

/**
 * Every site period × all and the largest team, region, channel, rep and product of the warehouse: a grid
 * with a choice of every kind of filter, for comparing a grouped pipeline with its per-slice one.
 */
export async function everyKindOfChoice(connection: DuckDBConnection): Promise<SliceGrid> {
  const [top] = await readRows<Record<string, string | null>>(
    connection,
    `SELECT mode(r.team) AS team, mode(r.region) AS region, mode(o.source) AS channel,
       mode(o.owner_rep_id) AS rep, mode(o.product) AS product
     FROM opportunities o LEFT JOIN reps r ON r.rep_id = o.owner_rep_id`
  );
  const choices: Filters[] = [{}];
  for (const [key, value] of Object.entries(top ?? {})) if (value !== null) choices.push({[key]: value});
  return {connection, now: await siteNow(connection), periods: await readSitePeriods(connection), choices};
}

/** Equal, numbers up to a relative 1e-12: floating-point sums added in another order. */
export function expectClose(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    const scale = Math.max(1, Math.abs(expected));
    if (Math.abs(actual - expected) > 1e-12 * scale) expect(`${path}: ${actual}`).toBe(`${path}: ${expected}`);
  } else if (expected !== null && typeof expected === "object") {
    expect(actual !== null && typeof actual === "object", path).toBe(true);
    expect(Object.keys(actual as object), path).toEqual(Object.keys(expected));
    for (const [key, value] of Object.entries(expected)) expectClose((actual as never)[key], value, `${path}.${key}`);
  } else expect(actual, path).toEqual(expected);
}
