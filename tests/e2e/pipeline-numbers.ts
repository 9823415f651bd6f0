import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {channelQuality} from "../../pipelines/channel-quality.ts";
import type {Period} from "../../pipelines/lib/context.ts";
import {latestExport} from "../../pipelines/lib/latest-export.ts";

/** The period's headline numbers over all channels, computed by the channel-quality pipeline itself. */
export interface HeadlineNumbers {
  won_revenue: number;
  count_won: number;
  count_lost: number;
  count_opportunities: number;
}

export async function headlineNumbers(path: string, period: Period): Promise<HeadlineNumbers> {
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const now = (await latestExport(warehouse.connection))!;
    const {rows} = await channelQuality({connection: warehouse.connection, period, now}, {interval: "period"});
    const sum = (column: "won_revenue" | "count_won" | "count_lost" | "count_opportunities") =>
      rows.reduce((total, row) => total + row[column], 0);
    return {
      won_revenue: sum("won_revenue"),
      count_won: sum("count_won"),
      count_lost: sum("count_lost"),
      count_opportunities: sum("count_opportunities")
    };
  } finally {
    warehouse.close();
  }
}

/** A data loader's output in a built site, dist/_file/data/<name>.<hash>.json; null when no page attaches it. */
export function findLoaderOutput<T>(dist: string, name: string): T | null {
  const folder = join(dist, "_file", "data");
  const file = readdirSync(folder).find((f) => f.startsWith(`${name}.`) && /^[^.]+\.[0-9a-f]+\.json$/.test(f));
  return file ? (JSON.parse(readFileSync(join(folder, file), "utf8")) as T) : null;
}

export function readLoaderOutput<T>(dist: string, name: string): T {
  const output = findLoaderOutput<T>(dist, name);
  if (output === null) throw new Error(`no ${name}.json in ${join(dist, "_file", "data")}`);
  return output;
}
