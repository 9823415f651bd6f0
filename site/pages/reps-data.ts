import type {DuckDBConnection} from "@duckdb/node-api";
import {repLoad} from "../../pipelines/allocation.ts";
import {withStageEntries} from "../../pipelines/lib/stage-entries.ts";
import {
  repPerformance,
  repSegmentWinRates,
  teamPerformance,
  type PerformanceMetrics,
  type RepSegmentRow,
  type Segment
} from "../../pipelines/rep-performance.ts";
import {performanceBySlice} from "../../pipelines/rep-performance/performance-by-slice.ts";
import {sliceKey} from "../site-filters.ts";
import {readBySliceKey} from "../site-grid.ts";
import {compactTable, type CompactTable} from "../compact-table.ts";
import {pageSlices, type PageSlices} from "../page-slices.ts";
import {repSlug} from "../read-dynamic-paths.ts";
import {significant} from "../significant.ts";

/** The win-rate and revenue figures a rep row and a team row of the page share, rounded for the page. */
export type PerformanceFigures = Pick<
  PerformanceMetrics,
  | "count_won"
  | "count_lost"
  | "win_rate"
  | "win_rate_lower"
  | "win_rate_upper"
  | "shrunk_win_rate"
  | "rank"
  | "won_revenue"
  | "quota_attainment_rate"
  | "count_open"
  | "open_amount"
>;

/** A leaderboard row: rep_id null for opportunities without an owner (no page of their own). */
export interface RepsRepRow extends PerformanceFigures {
  rep_id: string | null;
  median_cycle_days: number | null;
}

type RepIdentity = {rep_id: string | null; rep_name: string | null; team: string | null; region: string | null};

/** Who a rep is, written once for all slices (a slice's rows name the rep by rep_id). */
export interface RepsPerson {
  /** the name of the rep's page, rep.html?id=<rep_slug> */
  rep_slug: string;
  rep_name: string | null;
  team: string | null;
}

export interface RepsTeamRow extends PerformanceFigures {
  team: string | null;
}

export interface RepsSlice {
  reps: CompactTable<RepsRepRow>;
  teams: CompactTable<RepsTeamRow>;
  missing: string[];
}

/** A rep's open book now against the median of the rep's team (repLoad). */
export interface RepsLoadRow {
  rep_id: string;
  count_open: number;
  team_median_count_open: number;
  load_ratio: number | null;
  is_overloaded: boolean;
}

/**
 * A segment value where a rep wins more than the other reps: the rep's shrunk win rate there against the
 * pooled win rate of every other rep's deals closed in the same value.
 */
export interface RepSpecialtyRow {
  rep_id: string;
  segment: Segment;
  segment_value: string;
  count_closed: number;
  shrunk_win_rate: number;
  others_win_rate: number;
  /** the industry is among the rep's listed specialties (industry rows only) */
  is_specialty: boolean | null;
}

export interface RepsData extends PageSlices<RepsSlice> {
  /** every rep some slice ranks, by rep_id */
  people: Record<string, RepsPerson>;
  /** as of now, for every filter: one slice */
  load: PageSlices<{rows: RepsLoadRow[]; missing: string[]}>;
  /** per period, for every filter (a rep's strengths do not change with the team or region shown) */
  specialties: PageSlices<{rows: CompactTable<RepSpecialtyRow>; missing: string[]}>;
  min_specialty_deals: number;
}

/** Deals a rep, and the other reps together, must have closed in a segment value before it can count. */
export const MIN_SPECIALTY_DEALS = 5;
/** Specialties per rep on the leaderboard. */
const LEADERBOARD_SPECIALTIES = 3;

/**
 * The reps-and-teams page: per period and filter, the reps ranked by their empirical-Bayes shrunk win
 * rate with the Wilson interval of their raw rate, quota attainment and open pipeline, and the teams
 * likewise; the load of each rep's open book now; each rep's best segments per period. The reps and teams of
 * every slice come from one grouped query each (performanceBySlice); `grouped` false computes them slice by slice.
 */
export async function repsData(connection: DuckDBConnection, grouped = true): Promise<RepsData> {
  const people: Record<string, RepsPerson> = {};
  const bySlice = grouped
    ? {
        reps: await readBySliceKey(connection, (grid) => performanceBySlice<RepIdentity>(grid, "rep")),
        teams: await readBySliceKey(connection, (grid) => performanceBySlice<{team: string | null}>(grid, "team"))
      }
    : undefined;
  return withStageEntries(connection, async () => ({
    ...(await pageSlices(connection, async (ctx) => {
      const key = sliceKey(ctx.sitePeriod.id, ctx.choice);
      const reps = bySlice?.reps.get(key) ?? (await repPerformance(ctx));
      const teams = bySlice?.teams.get(key) ?? (await teamPerformance(ctx));
      for (const row of reps.rows)
        if (row.rep_id !== null)
          people[row.rep_id] ??= {rep_slug: repSlug(row.rep_id), rep_name: row.rep_name, team: row.team};
      return {
        reps: compactTable(
          reps.rows.map((row) => ({
            rep_id: row.rep_id,
            ...figures(row),
            median_cycle_days: significant(row.median_cycle_days)
          }))
        ),
        teams: compactTable(teams.rows.map((row) => ({team: row.team, ...figures(row)}))),
        missing: union(reps.missing, teams.missing)
      };
    })),
    people,
    load: await pageSlices(
      connection,
      async (ctx) => {
        const {rows, missing} = await repLoad(ctx);
        return {
          rows: rows.map((row) => ({
            rep_id: row.rep_id,
            count_open: row.count_open,
            team_median_count_open: significant(row.team_median_count_open),
            load_ratio: significant(row.load_ratio),
            is_overloaded: row.is_overloaded
          })),
          missing
        };
      },
      {byPeriod: false, byFilter: false}
    ),
    specialties: await pageSlices(
      connection,
      async (ctx) => {
        const {rows, missing} = await repSegmentWinRates(ctx);
        return {rows: compactTable(capPerRep(repSpecialties(rows), LEADERBOARD_SPECIALTIES)), missing};
      },
      {byFilter: false}
    ),
    min_specialty_deals: MIN_SPECIALTY_DEALS
  }));
}

/**
 * The segment values (industry, size band, province) where a rep's shrunk win rate is above the pooled
 * win rate of the other reps, both with at least MIN_SPECIALTY_DEALS deals closed there; per rep, the
 * widest lead first. Pass `all` to keep every comparable value, the rep's weaker ones too.
 */
export function repSpecialties(rows: RepSegmentRow[], {all = false}: {all?: boolean} = {}): RepSpecialtyRow[] {
  const totals = new Map<string, {won: number; closed: number}>();
  const key = (row: RepSegmentRow) => `${row.segment}\u0000${row.segment_value}`;
  for (const row of rows) {
    const total = totals.get(key(row)) ?? {won: 0, closed: 0};
    total.won += row.count_won;
    total.closed += row.count_closed;
    totals.set(key(row), total);
  }
  const specialties: (RepSpecialtyRow & {lead: number})[] = [];
  for (const row of rows) {
    if (row.rep_id === null || row.segment_value === null || row.count_closed < MIN_SPECIALTY_DEALS) continue;
    const total = totals.get(key(row))!;
    const othersClosed = total.closed - row.count_closed;
    if (othersClosed < MIN_SPECIALTY_DEALS) continue;
    const others = (total.won - row.count_won) / othersClosed;
    if (!all && row.shrunk_win_rate <= others) continue;
    specialties.push({
      rep_id: row.rep_id,
      segment: row.segment,
      segment_value: row.segment_value,
      count_closed: row.count_closed,
      shrunk_win_rate: significant(row.shrunk_win_rate),
      others_win_rate: significant(others),
      is_specialty: row.is_specialty,
      lead: row.shrunk_win_rate - others
    });
  }
  specialties.sort((a, b) => (a.rep_id < b.rep_id ? -1 : a.rep_id > b.rep_id ? 1 : b.lead - a.lead));
  return specialties.map(({lead: _lead, ...row}) => row);
}

function capPerRep(rows: RepSpecialtyRow[], cap: number): RepSpecialtyRow[] {
  const seen = new Map<string, number>();
  return rows.filter((row) => {
    const n = (seen.get(row.rep_id) ?? 0) + 1;
    seen.set(row.rep_id, n);
    return n <= cap;
  });
}

export function figures(row: PerformanceMetrics): PerformanceFigures {
  return {
    count_won: row.count_won,
    count_lost: row.count_lost,
    win_rate: significant(row.win_rate),
    win_rate_lower: significant(row.win_rate_lower),
    win_rate_upper: significant(row.win_rate_upper),
    shrunk_win_rate: significant(row.shrunk_win_rate),
    rank: row.rank,
    won_revenue: Math.round(row.won_revenue),
    quota_attainment_rate: significant(row.quota_attainment_rate),
    count_open: row.count_open,
    open_amount: Math.round(row.open_amount)
  };
}

export function union(...lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}
