import {describe, expect, it} from "vitest";
import {channelCubeRows} from "../../../src/components/channel-cube-rows.js";
import {SMALL_CUBE, SMALL_CUBE_BY_TEAM} from "../small-cube.ts";

// the four opportunities of small-cube.ts: o1 (r1, referral, A) created October 5th, won for 1000 on November
// 10th, 36 days later; o2 (r1, referral, A) created November 1st, lost on the 21st, after the quarter to date;
// o3 (r2, no channel) created November 3rd, won the day before without an amount; o4 (trade_show, B) open
const site = {periods: [{id: "qtd", start: "2026-10-01", end: "2026-11-21"}]};
const none = {team: [], region: [], channel: [], product: [], rep: []};

describe("channelCubeRows(cube, site, filter)", () => {
  it("sums each channel's deals created, won and lost in the period, with win rate, average deal and cycle", () => {
    const {total, channels} = channelCubeRows(SMALL_CUBE_BY_TEAM, site, {...none, period: "qtd"})!;
    expect(channels).toEqual([
      {
        source: "referral",
        count_opportunities: 2,
        count_won: 1,
        count_lost: 0,
        win_rate: 1,
        won_revenue: 1000,
        average_won_deal: 1000,
        average_cycle_days: 36
      },
      {
        source: "trade_show",
        count_opportunities: 1,
        count_won: 0,
        count_lost: 0,
        win_rate: null,
        won_revenue: 0,
        average_won_deal: null,
        average_cycle_days: null
      },
      {
        source: null,
        count_opportunities: 1,
        count_won: 1,
        count_lost: 0,
        win_rate: 1,
        won_revenue: 0,
        average_won_deal: null,
        average_cycle_days: null
      }
    ]);
    expect(total).toEqual({
      count_opportunities: 4,
      count_won: 2,
      count_lost: 0,
      win_rate: 1,
      won_revenue: 1000,
      average_won_deal: 1000,
      average_cycle_days: 36
    });
  });

  it("narrows by a rep and a product in the cube by rep, and leaves out channels without a deal", () => {
    const {channels} = channelCubeRows(SMALL_CUBE, site, {...none, period: "qtd", rep: ["r1"], product: ["A"]})!;
    expect(
      channels.map((row: {source: string | null; count_opportunities: number; count_won: number}) => [
        row.source,
        row.count_opportunities,
        row.count_won
      ])
    ).toEqual([["referral", 2, 1]]);
  });

  it("has no figures for a period that cuts the cube's buckets", () => {
    const cut = {periods: [{id: "mid", start: "2026-10-15", end: "2026-11-21"}]};
    expect(channelCubeRows(SMALL_CUBE, cut, {...none, period: "mid"})).toBeNull();
  });
});
