/**
 * The acquisition channels and the built-in differences between them, which the channel-quality
 * pages are meant to discover: conversion, win rate, deal size, cost.
 */

export const CHANNEL_NAMES = [
  "trade_show",
  "wechat",
  "weibo",
  "linkedin",
  "online_ads",
  "partner",
  "referral",
  "internal"
] as const;

export type Channel = (typeof CHANNEL_NAMES)[number];

export interface ChannelProfile {
  name: Channel;
  label: string;
  /** share of opportunities */
  share: number;
  /** share of its opportunities that started as a lead in the CRM */
  fromLead: number;
  /** lead → opportunity conversion */
  leadConversion: number;
  /** added to the log-odds of winning */
  winLogit: number;
  amountFactor: number;
  /** multiplies the time spent in each stage */
  cycleFactor: number;
  /** marketing cost per lead in CNY; 0 = no marketing spend */
  costPerLead: number;
  /** share of its opportunities created straight in the intent stage */
  startsInIntent: number;
  /** campaign names; `{year}` and `{quarter}` are filled in */
  campaigns: readonly string[];
}

export const CHANNELS: readonly ChannelProfile[] = [
  {
    name: "trade_show",
    label: "展会",
    share: 0.15,
    fromLead: 1,
    leadConversion: 0.25,
    winLogit: -0.35,
    amountFactor: 1.8,
    cycleFactor: 1.25,
    costPerLead: 4000,
    startsInIntent: 0.05,
    campaigns: ["{year}上海工博会", "{year}深圳工业自动化展", "{year}成都智能制造展"]
  },
  {
    name: "wechat",
    label: "微信",
    share: 0.14,
    fromLead: 1,
    leadConversion: 0.15,
    winLogit: -0.75,
    amountFactor: 0.8,
    cycleFactor: 1,
    costPerLead: 350,
    startsInIntent: 0.05,
    campaigns: ["公众号推文{year}Q{quarter}", "视频号直播{year}Q{quarter}", ""]
  },
  {
    name: "weibo",
    label: "微博",
    share: 0.07,
    fromLead: 1,
    leadConversion: 0.08,
    winLogit: -2.1,
    amountFactor: 0.6,
    cycleFactor: 0.9,
    costPerLead: 900,
    startsInIntent: 0.02,
    campaigns: ["微博话题推广{year}", ""]
  },
  {
    name: "linkedin",
    label: "领英",
    share: 0.09,
    fromLead: 1,
    leadConversion: 0.18,
    winLogit: -0.65,
    amountFactor: 1.1,
    cycleFactor: 1.05,
    costPerLead: 900,
    startsInIntent: 0.05,
    campaigns: ["LinkedIn精准投放{year}Q{quarter}"]
  },
  {
    name: "online_ads",
    label: "网络广告",
    share: 0.15,
    fromLead: 1,
    leadConversion: 0.1,
    winLogit: -1.95,
    amountFactor: 0.65,
    cycleFactor: 0.95,
    costPerLead: 1200,
    startsInIntent: 0.02,
    campaigns: ["百度搜索推广{year}", "信息流广告{year}Q{quarter}", ""]
  },
  {
    name: "partner",
    label: "合作伙伴",
    share: 0.13,
    fromLead: 1,
    leadConversion: 0.4,
    winLogit: 0.15,
    amountFactor: 1.15,
    cycleFactor: 0.9,
    costPerLead: 1500,
    startsInIntent: 0.2,
    campaigns: ["渠道伙伴计划{year}", ""]
  },
  {
    name: "referral",
    label: "客户推荐",
    share: 0.13,
    fromLead: 0.5,
    leadConversion: 0.5,
    winLogit: 0.6,
    amountFactor: 1.2,
    cycleFactor: 0.8,
    costPerLead: 1000,
    startsInIntent: 0.3,
    campaigns: ["老客户推荐计划", ""]
  },
  {
    name: "internal",
    label: "内部开发",
    share: 0.14,
    fromLead: 0.3,
    leadConversion: 0.45,
    winLogit: -0.2,
    amountFactor: 1,
    cycleFactor: 1,
    costPerLead: 0,
    startsInIntent: 0.15,
    campaigns: [""]
  }
];

export function campaignName(template: string, year: number, month: number): string {
  return template.replace("{year}", String(year)).replace("{quarter}", String(Math.ceil(month / 3)));
}
