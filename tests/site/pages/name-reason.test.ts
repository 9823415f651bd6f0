import {afterEach, describe, expect, it} from "vitest";
import {leadScoresData} from "../../../site/pages/lead-scores-data.ts";
import {nameReason} from "../../../site/pages/name-reason.ts";
import {DISPLAY_NAMES_VARIABLE} from "../../../site/site-display-names.ts";
import type {LeadScoreRow} from "../../../pipelines/scoring/score-leads.ts";

const deal = {source: "referral", stage: "negotiation", owner_rep_id: "R003", rep_name: "杨华建"};

describe("nameReason(reason, subjects, zh)", () => {
  afterEach(() => {
    delete process.env[DISPLAY_NAMES_VARIABLE];
    delete process.env.SHANGJI_HIDE;
  });

  it("names the channel of an opportunity's or a lead's source reason in the site's language", () => {
    expect(nameReason("Source referral: raises the odds of winning (×1.80)", deal, false)).toBe(
      "Source Referral: raises the odds of winning (×1.80)"
    );
    expect(nameReason("来源referral，赢单几率提高（×1.80）", deal, true)).toBe("来源转介绍，赢单几率提高（×1.80）");
    const lead = {source: "trade_show", owner_rep_id: null, rep_name: null};
    expect(nameReason("来源trade_show：以往该来源线索12%转化", lead, true)).toBe("来源展会：以往该来源线索12%转化");
    expect(
      nameReason(
        "Source key_account_day: 40 % of past leads from it converted",
        {...lead, source: "key_account_day"},
        false
      )
    ).toBe("Source Key account day: 40 % of past leads from it converted");
  });

  it("names the owner by the rep's name instead of the rep id", () => {
    expect(nameReason("Owner R003: lowers the odds of winning (×0.72)", deal, false)).toBe(
      "Owner 杨华建: lowers the odds of winning (×0.72)"
    );
    expect(nameReason("负责人R003，赢单几率降低（×0.72）", deal, true)).toBe("负责人杨华建，赢单几率降低（×0.72）");
    expect(nameReason("Owner R003: raises the odds of converting (×1.30)", deal, false)).toBe(
      "Owner 杨华建: raises the odds of converting (×1.30)"
    );
    // a rep without a name keeps the id: it is all there is to go by
    expect(
      nameReason(
        "Owner R009: raises the odds of winning (×1.10)",
        {...deal, owner_rep_id: "R009", rep_name: null},
        false
      )
    ).toBe("Owner R009: raises the odds of winning (×1.10)");
  });

  it("keeps the owner's id on a site that hides reps' names", () => {
    process.env.SHANGJI_HIDE = "reps";
    expect(nameReason("负责人R003，赢单几率降低（×0.72）", deal, true)).toBe("负责人R003，赢单几率降低（×0.72）");
  });

  it("names a stage by its label: the scorers write the code in English", () => {
    expect(nameReason("Stage negotiation: raises the odds of winning (×1.80)", deal, false)).toBe(
      "Stage Negotiation: raises the odds of winning (×1.80)"
    );
    // the scorer already names the default stages in Chinese
    expect(nameReason("阶段谈判，赢单几率提高（×1.80）", deal, true)).toBe("阶段谈判，赢单几率提高（×1.80）");
  });

  it("takes the configured names, and leaves every other reason as it is", () => {
    process.env[DISPLAY_NAMES_VARIABLE] = JSON.stringify({channel: {referral: {en: "Word of mouth"}}});
    expect(nameReason("Source referral: lowers the odds of winning (×0.50)", deal, false)).toBe(
      "Source Word of mouth: lowers the odds of winning (×0.50)"
    );
    for (const reason of [
      "Owner's win rate 40 %: raises the odds of winning (×1.20)",
      "Source website: raises the odds of winning (×1.10)",
      "Owner R0031: raises the odds of winning (×1.10)",
      "Stage negotiations: raises the odds of winning (×1.10)"
    ])
      expect(nameReason(reason, deal, false)).toBe(reason);
    expect(nameReason("Source unknown: raises the odds of winning (×1.10)", {...deal, source: null}, false)).toBe(
      "Source unknown: raises the odds of winning (×1.10)"
    );
  });
});

describe("leadScoresData(scored, locale, repNames)", () => {
  it("names each lead's owner in its reasons", () => {
    const row: LeadScoreRow = {
      lead_id: "L1",
      created_at: "2026-11-01T00:00:00Z",
      source: "wechat",
      campaign: null,
      rating: "A",
      owner_rep_id: "R005",
      conversion_probability: 0.4,
      score_method: "logistic_regression",
      reason_1: "Owner R005: raises the odds of converting (×1.30)",
      reason_2: "Source wechat: lowers the odds of converting (×0.80)",
      reason_1_zh: "负责人R005，转化几率提高（×1.30）",
      reason_2_zh: "来源wechat，转化几率降低（×0.80）"
    };
    const scored = {scores: {rows: [row], missing: []}, evaluation: {rows: [], missing: []}, calibration: []};
    const names = new Map([["R005", "陈思远"]]);
    expect(leadScoresData(scored, "en", names).leads[0].reasons).toEqual([
      "Owner 陈思远: raises the odds of converting (×1.30)",
      "Source WeChat: lowers the odds of converting (×0.80)"
    ]);
    expect(leadScoresData(scored, "zh-CN", names).leads[0].reasons).toEqual([
      "负责人陈思远，转化几率提高（×1.30）",
      "来源微信，转化几率降低（×0.80）"
    ]);
  });
});
