/**
 * Deliberately broken rows, as real exports have them, so that ingest's quarantine has something to
 * catch. Their positions depend only on the number of opportunities, never on the seed, so tests and
 * docs can name them.
 */
import {id, idWidth} from "./write-csv.ts";

export type DirtyKind = "amount" | "stage" | "created" | "duplicate" | "activityTime" | "quoteAmount";

export interface DirtyRow {
  file: string;
  /** the row's identifier as written (for the duplicate, the id that appears twice) */
  id: string;
  column: string;
  value: string;
  problem: string;
  kind: DirtyKind;
}

interface KindSpec {
  kind: DirtyKind;
  file: string;
  column: string;
  value: string;
  problem: string;
  /** first position (1-based opportunity number, or row counter) */
  first: number;
}

const KINDS: KindSpec[] = [
  {
    kind: "amount",
    file: "opportunities.csv",
    column: "金额",
    value: "待定",
    problem: "amount is not a number",
    first: 17
  },
  {
    kind: "stage",
    file: "opportunities.csv",
    column: "阶段",
    value: "暂停",
    problem: "stage label not in the stage model",
    first: 41
  },
  {
    kind: "created",
    file: "opportunities.csv",
    column: "创建时间",
    value: "2024-13-45 10:00:00",
    problem: "created time is not a valid date (month 13, day 45)",
    first: 73
  },
  {
    kind: "duplicate",
    file: "opportunities.csv",
    column: "商机编号",
    value: "",
    problem: "opportunity id exported twice with different names; the second row is the duplicate",
    first: 101
  },
  {
    kind: "activityTime",
    file: "activities.csv",
    column: "跟进时间",
    value: "",
    problem: "follow-up time is empty",
    first: 1
  },
  {kind: "quoteAmount", file: "quotes.csv", column: "amount", value: "n/a", problem: "amount is not a number", first: 1}
];

/** How many of each kind: one up to 150 000 opportunities, then one per 100 000. */
function repetitions(opportunities: number): number {
  return Math.max(1, Math.round(opportunities / 100_000));
}

export interface IdWidths {
  opportunity: number;
  activity: number;
  quote: number;
}

export function idWidths(opportunities: number): IdWidths {
  return {
    opportunity: idWidth(opportunities, 6),
    activity: idWidth(opportunities * 30, 7),
    quote: idWidth(opportunities * 3, 6)
  };
}

/** Positions of each kind of dirty row for a run of `opportunities`. */
export function dirtyPositions(opportunities: number): Map<DirtyKind, Set<number>> {
  const k = repetitions(opportunities);
  const positions = new Map<DirtyKind, Set<number>>();
  for (const spec of KINDS) {
    const perOpportunity = spec.file === "opportunities.csv";
    // activities and quotes are numerous enough that these counters are always reached
    const stride = Math.floor((perOpportunity ? opportunities : opportunities / 4) / k);
    const set = new Set<number>();
    for (let j = 0; j < k; j++) {
      const position = spec.first + j * stride;
      if (!perOpportunity || position <= opportunities) set.add(position);
    }
    positions.set(spec.kind, set);
  }
  return positions;
}

/** The dirty rows a run of `opportunities` writes (when dirty is on). */
export function dirtyRowsFor(opportunities: number): DirtyRow[] {
  const widths = idWidths(opportunities);
  const positions = dirtyPositions(opportunities);
  const rows: DirtyRow[] = [];
  for (const spec of KINDS) {
    for (const position of positions.get(spec.kind) ?? []) {
      const rowId =
        spec.file === "activities.csv"
          ? id("ACT", position, widths.activity)
          : spec.file === "quotes.csv"
            ? id("Q", position, widths.quote)
            : id("O", position, widths.opportunity);
      const {kind, file, column, problem} = spec;
      rows.push({file, id: rowId, column, value: kind === "duplicate" ? rowId : spec.value, problem, kind});
    }
  }
  return rows;
}

/** The dirty rows of the default sample (1 500 opportunities), whatever the seed. */
export const DIRTY_ROWS: readonly DirtyRow[] = dirtyRowsFor(1500);
