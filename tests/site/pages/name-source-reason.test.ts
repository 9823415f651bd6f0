import {afterEach, describe, expect, it} from "vitest";
import {nameSourceReason} from "../../../loaders/site/pages/name-source-reason.ts";
import {DISPLAY_NAMES_VARIABLE} from "../../../loaders/site/site-display-names.ts";

describe("nameSourceReason(reason, source, zh)", () => {
  afterEach(() => {
    delete process.env[DISPLAY_NAMES_VARIABLE];
  });

  it("names the channel of an opportunity's or a lead's source reason in the site's language", () => {
    expect(nameSourceReason("Source referral: raises the odds of winning (×1.80)", "referral", false)).toBe(
      "Source Referral: raises the odds of winning (×1.80)"
    );
    expect(nameSourceReason("来源referral，赢单几率提高（×1.80）", "referral", true)).toBe(
      "来源转介绍，赢单几率提高（×1.80）"
    );
    expect(nameSourceReason("来源trade_show：以往该来源线索12%转化", "trade_show", true)).toBe(
      "来源展会：以往该来源线索12%转化"
    );
    expect(
      nameSourceReason("Source key_account_day: 40 % of past leads from it converted", "key_account_day", false)
    ).toBe("Source Key account day: 40 % of past leads from it converted");
  });

  it("takes the configured names, and leaves every other reason as it is", () => {
    process.env[DISPLAY_NAMES_VARIABLE] = JSON.stringify({channel: {referral: {en: "Word of mouth"}}});
    expect(nameSourceReason("Source referral: lowers the odds of winning (×0.50)", "referral", false)).toBe(
      "Source Word of mouth: lowers the odds of winning (×0.50)"
    );
    expect(nameSourceReason("Owner's win rate 40 %: raises the odds of winning (×1.20)", "referral", false)).toBe(
      "Owner's win rate 40 %: raises the odds of winning (×1.20)"
    );
    expect(nameSourceReason("Source website: raises the odds of winning (×1.10)", "web", false)).toBe(
      "Source website: raises the odds of winning (×1.10)"
    );
    expect(nameSourceReason("Source unknown: raises the odds of winning (×1.10)", null, false)).toBe(
      "Source unknown: raises the odds of winning (×1.10)"
    );
  });
});
