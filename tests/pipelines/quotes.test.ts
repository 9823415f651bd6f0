import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {
  discountBands,
  quoteAcceptance,
  quoteRevisions,
  quoteToClose,
  quotedVsContracted
} from "../../pipelines/quotes.ts";
import {insert} from "./insert-rows.ts";
import {emptyWarehouse} from "./sample-warehouse.ts";

/**
 * now = 2026-07-01, the period is January–June 2026.
 *
 * | deal | outcome, close, amount  | quotes (created, amount, discount, status)                          | contracts          |
 * | O1   | won 2026-02-01, 900     | Q1 01-05 1000 2% rejected; Q2 01-20 900 12% accepted                 | K1 900             |
 * | O2   | won 2026-03-10, 450     | Q3 03-01 450 4% 已接受                                              | K2 400; K3 450 cancelled |
 * | O3   | lost 2026-04-01         | Q4 03-01 200 3% rejected; Q5 03-11 190 8% rejected; Q6 03-21 180 15% expired |            |
 * | O4   | lost 2026-05-01         | Q7 04-21 500 1% 已拒绝                                              |                    |
 * | O5   | won 2026-06-01, 600     | Q8 05-22 600 18% accepted                                           | none               |
 * | O6   | open                    | Q9 06-15 300 25% sent                                               |                    |
 * | O7   | won 2025-11-01, 100     | Q10 2025-10-01 100 5% accepted (before the period)                  |                    |
 */
async function fixture(connection: DuckDBConnection) {
  await insert(
    connection,
    "opportunities",
    ["opportunity_id", "owner_rep_id", "stage", "outcome", "amount", "created_at", "closed_at"],
    [
      ["O1", "R1", "won", "won", 900, "2025-12-01 00:00:00", "2026-02-01 00:00:00"],
      ["O2", "R1", "won", "won", 450, "2026-02-01 00:00:00", "2026-03-10 00:00:00"],
      ["O3", "R2", "lost", "lost", 200, "2026-02-01 00:00:00", "2026-04-01 00:00:00"],
      ["O4", "R2", "lost", "lost", 500, "2026-03-01 00:00:00", "2026-05-01 00:00:00"],
      ["O5", "R1", "won", "won", 600, "2026-04-01 00:00:00", "2026-06-01 00:00:00"],
      ["O6", "R2", "negotiation", "open", 300, "2026-05-01 00:00:00", null],
      ["O7", "R1", "won", "won", 100, "2025-09-01 00:00:00", "2025-11-01 00:00:00"]
    ]
  );
  await insert(
    connection,
    "quotes",
    ["quote_id", "opportunity_id", "amount", "discount", "created_at", "status"],
    [
      ["Q1", "O1", 1000, 0.02, "2026-01-05 00:00:00", "rejected"],
      ["Q2", "O1", 900, 0.12, "2026-01-20 00:00:00", "accepted"],
      ["Q3", "O2", 450, 0.04, "2026-03-01 00:00:00", "已接受"],
      ["Q4", "O3", 200, 0.03, "2026-03-01 00:00:00", "rejected"],
      ["Q5", "O3", 190, 0.08, "2026-03-11 00:00:00", "Rejected"],
      ["Q6", "O3", 180, 0.15, "2026-03-21 00:00:00", "expired"],
      ["Q7", "O4", 500, 0.01, "2026-04-21 00:00:00", "已拒绝"],
      ["Q8", "O5", 600, 0.18, "2026-05-22 00:00:00", "accepted"],
      ["Q9", "O6", 300, 0.25, "2026-06-15 00:00:00", "sent"],
      ["Q10", "O7", 100, 0.05, "2025-10-01 00:00:00", "accepted"]
    ]
  );
  await insert(
    connection,
    "contracts",
    ["contract_id", "opportunity_id", "amount", "signed_at", "status"],
    [
      ["K1", "O1", 900, "2026-02-01", "active"],
      ["K2", "O2", 400, "2026-03-10", "active"],
      ["K3", "O2", 450, "2026-03-09", "cancelled"]
    ]
  );
}

const NOW = "2026-07-01T00:00:00Z";
const PERIOD = {start: "2026-01-01", end: "2026-07-01"};

describe("quotes pipelines on a literal fixture", () => {
  let warehouse: Awaited<ReturnType<typeof emptyWarehouse>>;
  let ctx: PipelineContext;

  beforeAll(async () => {
    warehouse = await emptyWarehouse();
    await fixture(warehouse.connection);
    ctx = {connection: warehouse.connection, period: PERIOD, now: NOW};
  });
  afterAll(() => warehouse.close());

  describe("quoteAcceptance(ctx)", () => {
    it("counts accepted among decided quotes, expired as declined, with a Wilson interval", async () => {
      const {rows, missing} = await quoteAcceptance(ctx);
      expect(missing).toEqual([]);
      const [row] = rows;
      // Q1–Q9: accepted Q2, Q3, Q8; rejected Q1, Q4, Q5, Q7; expired Q6; pending Q9 → 3/8
      expect(row).toMatchObject({n_quotes: 9, n_accepted: 3, n_rejected: 4, n_expired: 1, n_pending: 1});
      expect(row.acceptance_rate).toBe(0.375);
      // Wilson 3/8, z = 1.96: 0.1368 – 0.6943
      expect(row.acceptance_rate_lower).toBeCloseTo(0.1368, 4);
      expect(row.acceptance_rate_upper).toBeCloseTo(0.6943, 4);
    });
  });

  describe("discountBands(ctx, bands)", () => {
    it("bands closed deals by their last quote's discount, with win rates and won amounts", async () => {
      const {rows} = await discountBands(ctx);
      // last quotes: O1 12% won 900, O2 4% won 450, O3 15% lost, O4 1% lost, O5 18% won 600
      expect(rows.map((r) => [r.discount_from, r.discount_to, r.n_closed, r.n_won, r.won_amount_mean])).toEqual([
        [0, 0.05, 2, 1, 450],
        [0.05, 0.1, 0, 0, null],
        [0.1, 0.2, 3, 2, 750],
        [0.2, 0.3, 0, 0, null],
        [0.3, null, 0, 0, null]
      ]);
      const [low, , mid] = rows;
      expect([low.win_rate, low.win_rate_lower, low.win_rate_upper, low.won_amount_lower]).toEqual([
        0.5,
        expect.closeTo(0.0945, 4),
        expect.closeTo(0.9055, 4),
        null
      ]);
      // Wilson 2/3: 0.2077 – 0.9385; won 900 and 600: s = 212.13, s/√2 = 150, 750 ± 1.96 × 150
      expect(mid.win_rate).toBeCloseTo(2 / 3, 10);
      expect(mid.win_rate_lower).toBeCloseTo(0.2077, 4);
      expect(mid.win_rate_upper).toBeCloseTo(0.9385, 4);
      expect(mid.won_amount_lower).toBeCloseTo(456.0054, 3);
      expect(mid.won_amount_upper).toBeCloseTo(1043.9946, 3);
    });

    it("refuses bands that do not start at 0 and increase", async () => {
      await expect(discountBands(ctx, [0.1, 0.2])).rejects.toThrow(
        "discountBands requires increasing band bounds starting at 0, got 0.1, 0.2"
      );
    });
  });

  describe("quoteRevisions(ctx)", () => {
    it("counts closed deals by their number of quotes", async () => {
      expect((await quoteRevisions(ctx)).rows).toEqual([
        {n_quotes: 1, n_opportunities: 3, n_won: 2, win_rate: 2 / 3},
        {n_quotes: 2, n_opportunities: 1, n_won: 1, win_rate: 1},
        {n_quotes: 3, n_opportunities: 1, n_won: 0, win_rate: 0}
      ]);
    });
  });

  describe("quoteToClose(ctx)", () => {
    it("gives the days from the first quote to the close, won and lost apart", async () => {
      // won: 27 (01-05 → 02-01), 9, 10; lost: 31 (03-01 → 04-01), 10
      expect((await quoteToClose(ctx)).rows).toEqual([
        {outcome: "won", n_opportunities: 3, days_median: 10, days_p75: 18.5, days_mean: 46 / 3},
        {outcome: "lost", n_opportunities: 2, days_median: 20.5, days_p75: 25.75, days_mean: 20.5}
      ]);
    });
  });

  describe("quotedVsContracted(ctx)", () => {
    it("sets the final quote of won deals against their contracts, cancelled ones left out", async () => {
      // O1 900 vs 900; O2 450 vs 400 (K3 is cancelled); O5 has no contract
      expect((await quotedVsContracted(ctx)).rows).toEqual([
        {
          n_opportunities: 2,
          quoted_amount: 1350,
          contracted_amount: 1300,
          contracted_to_quoted: 1300 / 1350,
          n_below: 1,
          n_equal: 1,
          n_above: 0
        }
      ]);
    });
  });

  it("names the quotes export when it is missing", async () => {
    const empty = await emptyWarehouse();
    try {
      expect(await quoteAcceptance({...ctx, connection: empty.connection})).toEqual({rows: [], missing: ["quotes"]});
    } finally {
      empty.close();
    }
  });
});
