import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  choiceFilters,
  filterChoices,
  MAX_FILTER_VALUES,
  readFilterOptions,
  sliceKey
} from "../../../site/site-filters.ts";
import {sliceKey as clientSliceKey} from "../../../src/components/slices.js";
import {emptyWarehouse, sampleWarehouse} from "../../pipelines/sample-warehouse.ts";

describe("readFilterOptions(connection)", () => {
  let sample: Awaited<ReturnType<typeof sampleWarehouse>>;
  beforeAll(async () => void (sample = await sampleWarehouse()));
  afterAll(() => sample.close());

  it("lists the sample's teams, regions and channels, most opportunities first", async () => {
    const options = await readFilterOptions(sample.connection);
    // data/sample: 5 teams and 5 regions of the reps, 8 lead sources (counted with shangji query)
    expect(options.team).toHaveLength(5);
    expect(options.region).toHaveLength(5);
    expect(new Set(options.channel)).toEqual(
      new Set(["weibo", "partner", "online_ads", "internal", "wechat", "trade_show", "linkedin", "referral"])
    );
    expect(options.channel[0]).toBe("trade_show"); // 226 opportunities, the most
    expect(options.team.length).toBeLessThanOrEqual(MAX_FILTER_VALUES);
  });

  it("offers nothing on an empty warehouse", async () => {
    const empty = await emptyWarehouse();
    expect(await readFilterOptions(empty.connection)).toEqual({team: [], region: [], channel: []});
    empty.close();
  });
});

describe("filter choices and slice keys", () => {
  const options = {team: ["华北"], region: ["华东", "华南"], channel: ["referral"]};

  it("offers all, then one value of one dimension at a time", () => {
    const choices = filterChoices(options);
    expect(choices).toHaveLength(5);
    expect(choices.map(choiceFilters)).toEqual([
      {},
      {team: "华北"},
      {region: "华东"},
      {region: "华南"},
      {channel: "referral"}
    ]);
  });

  it("builds the same keys on the server and in the browser", () => {
    for (const choice of filterChoices(options)) {
      const filter = {period: "qtd", team: "", region: "", channel: "", ...choiceFilters(choice)};
      expect(clientSliceKey(filter)).toBe(sliceKey("qtd", choice));
    }
    expect(sliceKey("ytd", {dimension: "team", value: "华北"})).toBe("ytd|team=华北");
  });
});
