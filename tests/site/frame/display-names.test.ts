import {describe, expect, it} from "vitest";
import {readProjectConfig} from "../../../config/project-config.ts";
import {channelName} from "../../../src/components/channel-link.js";
import {codeLabel} from "../../../src/components/code-label.js";
import {displayName, displayNameMessages, humanize} from "../../../src/components/display-names.js";
import {translator} from "../../../src/components/i18n.js";
import {common} from "../../../src/locales/common.js";
import {tempDir, writeFile} from "../../ingest/temp-warehouse.ts";

const t = (locale: string, configured = {}) => translator(locale, common, displayNameMessages(configured));

describe("displayName(t, kind, code)", () => {
  it("names the common channels in English and Chinese", () => {
    const codes = ["trade_show", "wechat", "weibo", "linkedin", "online_ads", "partner", "referral", "website"];
    expect(codes.map((code) => displayName(t("en"), "channel", code))).toEqual([
      "Trade show",
      "WeChat",
      "Weibo",
      "LinkedIn",
      "Online ads",
      "Partner",
      "Referral",
      "Website"
    ]);
    expect(codes.map((code) => displayName(t("zh-CN"), "channel", code))).toEqual([
      "展会",
      "微信",
      "微博",
      "领英",
      "线上广告",
      "合作伙伴",
      "转介绍",
      "官网"
    ]);
    expect(["cold_call", "email"].map((code) => displayName(t("zh-CN"), "channel", code))).toEqual([
      "电话营销",
      "邮件"
    ]);
  });

  it("takes configured names over the defaults, one language standing in for a missing other", () => {
    const configured = {channel: {trade_show: {en: "Fair", zh: "博览会"}, seminar_2026: {zh: "研讨会"}}};
    expect(displayName(t("en", configured), "channel", "trade_show")).toBe("Fair");
    expect(displayName(t("zh-CN", configured), "channel", "trade_show")).toBe("博览会");
    expect(displayName(t("zh-CN", configured), "channel", "seminar_2026")).toBe("研讨会");
    expect(displayName(t("en", configured), "channel", "seminar_2026")).toBe("研讨会");
  });

  it("makes a code without a name readable, and keeps a name as exported", () => {
    expect(displayName(t("en"), "channel", "key_account_day")).toBe("Key account day");
    expect(displayName(t("zh-CN"), "lostReason", "价格过高")).toBe("价格过高");
    expect(displayName(t("en"), "channel", "Baidu SEM")).toBe("Baidu SEM");
    expect(humanize("site-visit")).toBe("Site visit");
    expect(humanize("PAID_SOCIAL_ADS")).toBe("Paid social ads");
    expect(humanize("NPS")).toBe("NPS");
    expect(humanize("Baidu_SEM")).toBe("Baidu_SEM");
  });

  it("names HubSpot's original source types", () => {
    expect(displayName(t("en"), "channel", "PAID_SEARCH")).toBe("Paid search");
    expect(displayName(t("zh-CN"), "channel", "OTHER_CAMPAIGNS")).toBe("其他营销活动");
    expect(displayName(t("zh-CN"), "channel", "OFFLINE")).toBe("线下来源");
  });
});

describe("channelName(source, t) and codeLabel(t, prefix, code, unknown)", () => {
  it("show a channel and an unnamed code in words", () => {
    expect(channelName("online_ads", t("zh-CN"))).toBe("线上广告");
    expect(codeLabel(t("en"), "followUp.type", "site_visit", "?")).toBe("Site visit");
    expect(codeLabel(t("en"), "followUp.type", null, "?")).toBe("?");
  });
});

describe("readProjectConfig(path) displayNames", () => {
  const configWith = (config: object) =>
    readProjectConfig(writeFile(tempDir(), "shangji.config.json", JSON.stringify(config)));

  it("reads names per kind and code", () => {
    const displayNames = {channel: {trade_show: {en: "Trade show", zh: "展会"}}};
    expect(configWith({displayNames}).displayNames).toEqual(displayNames);
    expect(configWith({}).displayNames).toEqual({});
  });

  it("refuses a kind of code it does not name, and a language other than en and zh", () => {
    expect(() => configWith({displayNames: {product: {}}})).toThrow(/displayNames: Unrecognized key/);
    expect(() => configWith({displayNames: {channel: {wechat: {fr: "WeChat"}}}})).toThrow(
      /displayNames\.channel\.wechat: Unrecognized key/
    );
  });
});
