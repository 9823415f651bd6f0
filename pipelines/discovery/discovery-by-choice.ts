import type {DiscoveryResults} from "../discovery.ts";
import type {Period} from "../lib/context.ts";
import {EACH_CHOICE, readEachChoice, type SliceGrid, sliceGridSql} from "../lib/slice-grid.ts";
import {lookalikeAccountsByChoice, type LookalikeOptions} from "./lookalike-accounts.ts";
import {
  dueRow,
  repeatDueParams,
  repeatDueSql,
  type RepeatPurchaseDueRow,
  type RepeatPurchaseOptions
} from "./repeat-purchase-due.ts";

/**
 * discovery of every filter choice of the grid over one period, each list read in queries grouped by choice
 * instead of once per choice. Results per choice, equal to the per-choice pipelines'.
 */
export async function discoveryByChoice(
  grid: SliceGrid,
  period: Period,
  options: LookalikeOptions & RepeatPurchaseOptions = {}
): Promise<DiscoveryResults[]> {
  const lookalikes = await lookalikeAccountsByChoice(grid, period, options);
  const due = await readEachChoice<Omit<RepeatPurchaseDueRow, "reason" | "reason_zh">>(
    grid,
    sliceGridSql(grid),
    repeatDueSql("true", EACH_CHOICE),
    repeatDueParams({period, now: grid.now}, options)
  );
  return grid.choices.map((_, c) => ({
    lookalikes: lookalikes[c],
    repeat_due: {rows: due[c].map((row) => dueRow(row, options)), missing: []}
  }));
}
