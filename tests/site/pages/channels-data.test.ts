import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {channelQuality, type ChannelQualityRow} from "../../../pipelines/channel-quality.ts";
import {readRows} from "../../../warehouse/read-rows.ts";
import {channelSlug, readChannels} from "../../../site/read-dynamic-paths.ts";
import {sitePeriods} from "../../../site/site-periods.ts";
import {channelData, channelPageFiles, findChannel} from "../../../site/pages/channel-data.ts";
import {
  channelsData,
  trendPeriod,
  type CampaignRow,
  type ChannelsData,
  type ChannelSummary
} from "../../../site/pages/channels-data.ts";
import {tableRows} from "../../../src/components/compact-table.js";
import {insert} from "../../pipelines/insert-rows.ts";
import {emptyWarehouse, sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

/** the month of the sample's first record (an opportunity or lead created): where "all time" starts */
const FIRST_DAY = "2023-11-01";

const NOW = "2026-11-20T00:00:00Z";
const YTD = sitePeriods(NOW, FIRST_DAY).find((p) => p.id === "ytd")!;
const SUMMARY_COLUMNS: (keyof ChannelSummary & string)[] = [
  "source",
  "count_leads",
  "lead_to_opportunity_rate",
  "lead_to_opportunity_rate_lower",
  "lead_to_opportunity_rate_upper",
  "count_duplicate_leads",
  "count_opportunities",
  "count_won",
  "count_lost",
  "win_rate",
  "win_rate_lower",
  "win_rate_upper",
  "won_revenue",
  "revenue_per_lead",
  "average_won_deal",
  "median_cycle_days",
  "won_gross_margin",
  "cost",
  "cost_per_lead",
  "cost_per_won_deal",
  "roi",
  "payback_months"
];

/** Payload numbers are rounded: money to units, rates, ROI and payback to 4 significant digits. */
function expectRounded(payload: Record<string, unknown>, direct: ChannelQualityRow, columns: string[]): void {
  for (const column of columns) {
    const expected = direct[column as keyof ChannelQualityRow];
    const actual = payload[column];
    if (expected === null || typeof expected === "string") {
      expect(actual, column).toBe(expected);
      continue;
    }
    const tolerance = Math.max(0.5, Math.abs(Number(expected)) * 5e-4);
    expect(Math.abs(Number(actual) - Number(expected)), column).toBeLessThanOrEqual(
      column.includes("rate") ? 5e-5 : tolerance
    );
  }
}

let warehouse: Awaited<ReturnType<typeof sampleWarehouse>>;
beforeAll(async () => {
  warehouse = await sampleWarehouse();
}, 60_000);
afterAll(() => warehouse.close());

describe("channelsData(connection)", () => {
  let data: ChannelsData;
  beforeAll(async () => {
    data = await channelsData(warehouse.connection);
  }, 120_000);

  it("holds a slice per period and filter choice, and a trend per filter choice", () => {
    // 6 periods × 19 filter choices (all, 4 teams, 4 regions, 10 channels)
    expect(Object.keys(data.slices)).toHaveLength(114);
    expect(Object.keys(data.trend)).toHaveLength(19);
    expect(data.trend["*|all"].months).toHaveLength(24);
    expect(data.trend["*|all"].months.at(-1)).toBe("2026-11-01");
  });

  it("equals channelQuality called directly for the year to date", async () => {
    const {rows} = await channelQuality(warehouse.context(YTD), {interval: "period"});
    const channels = tableRows<ChannelSummary>(data.slices["ytd|all"].channels, SUMMARY_COLUMNS);
    expect(channels.map((c) => c.source).sort()).toEqual(rows.map((r) => r.source).sort());
    for (const row of rows) {
      const payload = channels.find((c) => c.source === row.source)!;
      expectRounded(
        payload as unknown as Record<string, unknown>,
        row,
        SUMMARY_COLUMNS.filter((c) => c !== "won_gross_margin")
      );
    }
    const referral = channels.find((c) => c.source === "referral")!;
    expect(referral.cost).not.toBeNull();
    expect(referral.count_duplicate_leads).toBe(rows.find((r) => r.source === "referral")!.count_duplicate_leads);
    // the internal channel has no spend in the export
    expect(channels.find((c) => c.source === "internal")!.cost).toBeNull();
  });

  it("sums the channels into the total and counts won deals as SQL does", async () => {
    const [{won}] = await readRows<{won: number}>(
      warehouse.connection,
      `SELECT count(*)::INTEGER AS won FROM opportunities
       WHERE outcome = 'won' AND closed_at >= $start::TIMESTAMP AND closed_at < $end::TIMESTAMP`,
      {start: YTD.start, end: YTD.end}
    );
    const total = data.slices["ytd|all"].total;
    expect(total.count_won).toBe(won);
    const channels = tableRows<ChannelSummary>(data.slices["ytd|all"].channels, SUMMARY_COLUMNS);
    expect(total.count_leads).toBe(channels.reduce((s, c) => s + c.count_leads!, 0));
    expect(total.win_rate).toBeCloseTo(won / (won + total.count_lost), 4);
  });

  it("lists the campaigns as channelQuality does at campaign level", async () => {
    const slice = data.slices["lq|channel=wechat"];
    const {rows} = await channelQuality(warehouse.context(sitePeriods(NOW, FIRST_DAY)[1], {channel: "wechat"}), {
      interval: "period",
      level: "campaign"
    });
    expect(slice.count_campaigns).toBe(rows.length);
    const campaigns = tableRows<CampaignRow>(slice.campaigns);
    expect(campaigns.every((c) => c.source === "wechat")).toBe(true);
    for (const campaign of campaigns) {
      const row = rows.find((r) => r.campaign === campaign.campaign)!;
      expectRounded(campaign as unknown as Record<string, unknown>, row, ["count_leads", "count_won", "win_rate"]);
    }
  });

  it("differs under a team filter, without spend, campaigns or duplicates", async () => {
    const team = data.slices["ytd|team=华北"];
    expect(team.spend).toBe("not_by_filter");
    expect(team.campaigns).toBeNull();
    expect(team.channels.columns).not.toContain("cost");
    expect(team.channels.columns).not.toContain("count_duplicate_leads");
    expect(team.total.count_won).toBeLessThan(data.slices["ytd|all"].total.count_won);
    const {rows} = await channelQuality(warehouse.context(YTD, {team: "华北"}), {
      interval: "period",
      duplicates: false
    });
    const channels = tableRows<ChannelSummary>(team.channels, SUMMARY_COLUMNS);
    for (const row of rows) {
      const payload = channels.find((c) => c.source === row.source)!;
      expectRounded(payload as unknown as Record<string, unknown>, row, ["count_leads", "count_won", "win_rate_lower"]);
    }
  });

  it("sums monthly leads of the trend as SQL counts them", async () => {
    const period = trendPeriod(NOW);
    const counts = await readRows<{source: string; leads: number}>(
      warehouse.connection,
      `SELECT source, count(*)::INTEGER AS leads FROM leads
       WHERE created_at >= $start::TIMESTAMP AND created_at < $end::TIMESTAMP GROUP BY source`,
      {start: period.start, end: period.end}
    );
    for (const {source, leads} of counts) {
      const series = data.trend["*|all"].series.find((s) => s.source === source)!;
      expect(series.count_leads.reduce((s, v) => s! + v!, 0)).toBe(leads);
    }
  });

  it("links every opportunity source to its page and stays under 150 KB", () => {
    expect(data.slugs).toMatchObject({referral: "referral", online_ads: "online_ads"});
    expect(Object.keys(data.slugs)).toHaveLength(8);
    // six periods of data where there were four: the 500 KB a page view may load stays the bound that matters
    expect(JSON.stringify(data).length).toBeLessThan(225_000);
  });
});

describe("channelData(connection, slug)", () => {
  it("equals channelQuality for the channel, per period, with a 24-month trend", async () => {
    const data = await channelData(warehouse.connection, "referral");
    expect(data.channel).toEqual({source: "referral", slug: "referral"});
    expect(Object.keys(data.slices)).toEqual(["qtd|*", "lq|*", "ytd|*", "ly|*", "l12m|*", "all|*"]);
    const {rows} = await channelQuality(warehouse.context(YTD, {channel: "referral"}), {interval: "period"});
    expectRounded(
      data.slices["ytd|*"].summary as unknown as Record<string, unknown>,
      rows[0],
      SUMMARY_COLUMNS.filter((c) => c !== "won_gross_margin")
    );
    expect(data.slices["ytd|*"].spend).toBe("available");
    expect(data.trend.months).toHaveLength(24);
    const monthly = await channelQuality(
      warehouse.context({start: "2026-01-01", end: "2026-11-21"}, {channel: "referral"}),
      {duplicates: false}
    );
    const june = monthly.rows.find((r) => r.bucket_start === "2026-06-01")!;
    expect(data.trend.months.find((m) => m.month === "2026-06-01")).toMatchObject({
      count_leads: june.count_leads,
      count_won: june.count_won,
      won_revenue: Math.round(june.won_revenue)
    });
  });

  it("says a channel without spend has none", async () => {
    const data = await channelData(warehouse.connection, "internal");
    expect(data.slices["ytd|*"].spend).toBe("none");
    expect(data.trend.months.every((m) => m.cost === null)).toBe(true);
  });

  it("rejects a slug no channel has", async () => {
    await expect(channelData(warehouse.connection, "nope")).rejects.toThrow(/no channel has the page slug "nope"/);
  });
});

describe("channelPageFiles(connection)", () => {
  it("writes for every channel what channelData computes for its page alone, from one run for all channels", async () => {
    const files = await channelPageFiles(warehouse.connection);
    const channels = await readChannels(warehouse.connection);
    expect(channels.length).toBeGreaterThan(3);
    expect(Object.keys(files).sort()).toEqual(channels.map((c) => `data/channels/${channelSlug(c)}.json`).sort());
    for (const channel of channels)
      expect(files[`data/channels/${channelSlug(channel)}.json`]).toEqual(
        await channelData(warehouse.connection, channelSlug(channel))
      );
  });
});

describe("channelSlug(channel) and findChannel(connection, slug)", () => {
  const NAME = "微信 / 公众号";
  let empty: Awaited<ReturnType<typeof emptyWarehouse>>;
  beforeAll(async () => {
    empty = await emptyWarehouse();
    await insert(
      empty.connection,
      "opportunities",
      ["opportunity_id", "source", "amount", "stage", "created_at", "closed_at", "outcome"],
      [
        ["O1", NAME, 1000, "won", "2026-02-01 10:00:00", "2026-03-01 10:00:00", "won"],
        ["O2", "referral", 2000, "lost", "2026-02-02 10:00:00", "2026-03-02 10:00:00", "lost"]
      ]
    );
  });
  afterAll(() => empty.close());

  it("keeps a plain ASCII name and hashes any other into c-<8 hex>", () => {
    expect(channelSlug("online_ads")).toBe("online_ads");
    expect(channelSlug(NAME)).toMatch(/^c-[0-9a-f]{8}$/);
    expect(channelSlug(NAME)).toBe(channelSlug(NAME));
    expect(channelSlug("a/b")).not.toBe(channelSlug("a b"));
  });

  it("maps the slug back to the channel's name", async () => {
    expect(await findChannel(empty.connection, channelSlug(NAME))).toBe(NAME);
    expect(await findChannel(empty.connection, "referral")).toBe("referral");
    expect(await findChannel(empty.connection, "c-00000000")).toBeNull();
  });

  it("loads the page data of a non-ASCII channel by its hashed slug", async () => {
    const data = await channelData(empty.connection, channelSlug(NAME));
    expect(data.channel.source).toBe(NAME);
    expect(Object.keys(data.slices)).toHaveLength(6);
    expect(data.trend.months).toHaveLength(24);
  });
});

describe("channelsData(connection) on an empty warehouse", () => {
  it("returns empty slices that name the missing exports", async () => {
    const empty = await emptyWarehouse();
    try {
      const data = await channelsData(empty.connection);
      const slice = Object.values(data.slices)[0];
      expect(slice.channels.rows).toEqual([]);
      expect(slice.missing).toEqual(["leads", "marketing_spend"]);
      expect(slice.spend).toBe("missing");
      expect(data.slugs).toEqual({});
      expect(Object.values(data.trend)[0].series).toEqual([]);
    } finally {
      empty.close();
    }
  });
});
