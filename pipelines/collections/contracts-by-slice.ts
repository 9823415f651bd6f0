import type {PipelineResult} from "../lib/context.ts";
import {missingTables} from "../lib/missing-tables.ts";
import {EACH_CHOICE, readEachChoice, type SliceGrid, sliceGridSql} from "../lib/slice-grid.ts";
import {toDateEnd} from "../lib/to-date-end.ts";
import {collectionRateSql, type CollectionRateRow} from "./collection-rate.ts";
import {dsoDay, dsoSql, type DaysSalesOutstandingRow} from "./days-sales-outstanding.ts";
import {expectedCollectionsSql, type ExpectedCollectionsRow} from "./expected-collections.ts";
import {overdueReceivablesSql, type OverdueReceivableRow} from "./overdue-receivables.ts";
import {receivablesAgeingSql, type ReceivablesAgeingRow} from "./receivables-ageing.ts";
import {signedVsCollectedSql, type SignedVsCollectedRow} from "./signed-vs-collected.ts";

/** The contracts signed in one slice's period: what the quotes and collections page shows per period and filter. */
export interface ContractSliceResults {
  signed_vs_collected: PipelineResult<SignedVsCollectedRow>;
  collection_rate: PipelineResult<CollectionRateRow>;
  dso: PipelineResult<DaysSalesOutstandingRow>;
}

/**
 * signedVsCollected, collectionRate and daysSalesOutstanding of every slice of the grid, each read in one query
 * per period grouped by filter choice instead of one query per slice: a contract's instalments and receipts do
 * not depend on the choice, only whether it counts in it. Results per period, then per choice, equal to the
 * per-slice pipelines'.
 */
export async function contractsBySlice(grid: SliceGrid): Promise<ContractSliceResults[][]> {
  const {connection} = grid;
  const missing = await missingTables(connection, ["contracts"]);
  const slices = sliceGridSql(grid);
  const results: ContractSliceResults[][] = [];
  for (const period of grid.periods) {
    const read = async <Row>(sql: string, params: Record<string, string>) =>
      missing.length ? grid.choices.map((): Row[] => []) : await readEachChoice<Row>(grid, slices, sql, params);
    const today = {as_of: grid.now.slice(0, 10), period_start: period.start, period_end: period.end};
    const months = await read<SignedVsCollectedRow>(signedVsCollectedSql(EACH_CHOICE), {
      ...today,
      to_date_end: toDateEnd(grid.now)
    });
    const rates = await read<CollectionRateRow>(collectionRateSql(EACH_CHOICE), today);
    const dso = await read<DaysSalesOutstandingRow>(dsoSql(EACH_CHOICE), {
      as_of: dsoDay(period, grid.now),
      period_start: period.start
    });
    results.push(
      grid.choices.map((_, c) => ({
        signed_vs_collected: {rows: months[c], missing},
        collection_rate: {rows: rates[c], missing},
        dso: {rows: dso[c], missing}
      }))
    );
  }
  return results;
}

/** The receivables at now of one filter choice: what the quotes and collections page shows per filter. */
export interface ReceivablesNowResults {
  ageing_by_rep: PipelineResult<ReceivablesAgeingRow>;
  ageing_by_team: PipelineResult<ReceivablesAgeingRow>;
  ageing_by_account: PipelineResult<ReceivablesAgeingRow>;
  overdue: PipelineResult<OverdueReceivableRow>;
  expected: PipelineResult<ExpectedCollectionsRow>;
}

/**
 * receivablesAgeing (by rep, team and account), overdueReceivables and expectedCollections (3 months) at now of
 * every filter choice of the grid, one query each grouped by choice instead of one per choice. Results per choice.
 */
export async function receivablesByChoice(grid: SliceGrid): Promise<ReceivablesNowResults[]> {
  const {connection} = grid;
  const missing = await missingTables(connection, ["contracts"]);
  const slices = sliceGridSql(grid);
  const today = {as_of: grid.now.slice(0, 10)};
  const read = async <Row>(sql: string, params: Record<string, string | number> = {}) =>
    missing.length
      ? grid.choices.map((): Row[] => [])
      : await readEachChoice<Row>(grid, slices, sql, {...today, ...params});
  const byRep = await read<ReceivablesAgeingRow>(receivablesAgeingSql(EACH_CHOICE, "rep"));
  const byTeam = await read<ReceivablesAgeingRow>(receivablesAgeingSql(EACH_CHOICE, "team"));
  const byAccount = await read<ReceivablesAgeingRow>(receivablesAgeingSql(EACH_CHOICE, "account"));
  const overdue = await read<OverdueReceivableRow>(overdueReceivablesSql(EACH_CHOICE));
  const expected = await read<ExpectedCollectionsRow>(expectedCollectionsSql(EACH_CHOICE), {months: 3});
  return grid.choices.map((_, c) => ({
    ageing_by_rep: {rows: byRep[c], missing},
    ageing_by_team: {rows: byTeam[c], missing},
    ageing_by_account: {rows: byAccount[c], missing},
    overdue: {rows: overdue[c], missing},
    expected: {rows: expected[c], missing}
  }));
}
