/**
 * Names of exported codes per language, by kind: channel (a lead or opportunity source), activity (a
 * follow-up type), ticket (a service ticket category), lostReason. The project configuration's
 * `displayNames` adds to and overrides them, e.g. {"channel": {"trade_show": {"en": "Fair", "zh": "展会"}}}.
 */
export const DISPLAY_NAMES = {
  channel: {
    trade_show: {en: "Trade show", zh: "展会"},
    wechat: {en: "WeChat", zh: "微信"},
    weibo: {en: "Weibo", zh: "微博"},
    linkedin: {en: "LinkedIn", zh: "领英"},
    online_ads: {en: "Online ads", zh: "线上广告"},
    partner: {en: "Partner", zh: "合作伙伴"},
    referral: {en: "Referral", zh: "转介绍"},
    website: {en: "Website", zh: "官网"},
    cold_call: {en: "Cold call", zh: "电话营销"},
    email: {en: "Email", zh: "邮件"},
    internal: {en: "Internal", zh: "内部"},
    social_media: {en: "Social media", zh: "社交媒体"},
    search: {en: "Search", zh: "搜索引擎"},
    event: {en: "Event", zh: "活动"},
    webinar: {en: "Webinar", zh: "线上研讨会"},
    douyin: {en: "Douyin", zh: "抖音"},
    other: {en: "Other", zh: "其他"},
    // HubSpot's original source types
    ORGANIC_SEARCH: {en: "Organic search", zh: "自然搜索"},
    PAID_SEARCH: {en: "Paid search", zh: "付费搜索"},
    EMAIL_MARKETING: {en: "Email marketing", zh: "邮件营销"},
    SOCIAL_MEDIA: {en: "Organic social", zh: "社交媒体"},
    PAID_SOCIAL: {en: "Paid social", zh: "付费社交"},
    REFERRALS: {en: "Referrals", zh: "转介绍"},
    OTHER_CAMPAIGNS: {en: "Other campaigns", zh: "其他营销活动"},
    DIRECT_TRAFFIC: {en: "Direct traffic", zh: "直接访问"},
    OFFLINE: {en: "Offline sources", zh: "线下来源"},
    AI_REFERRALS: {en: "AI referrals", zh: "AI 推荐"}
  },
  activity: {
    call: {en: "Phone call", zh: "电话"},
    email: {en: "Email", zh: "邮件"},
    meeting: {en: "Meeting", zh: "会议"},
    visit: {en: "Visit", zh: "拜访"},
    social: {en: "Social media", zh: "社交媒体"},
    material_sent: {en: "Materials sent", zh: "发送资料"},
    other: {en: "Other", zh: "其他"}
  },
  ticket: {
    complaint: {en: "Complaint", zh: "投诉"},
    // the category as Chinese CRMs export it (complaints are either)
    投诉: {en: "Complaint", zh: "投诉"},
    repair: {en: "Repair", zh: "维修"},
    inquiry: {en: "Inquiry", zh: "咨询"},
    installation: {en: "Installation", zh: "安装"},
    training: {en: "Training", zh: "培训"}
  },
  lostReason: {
    price: {en: "Price too high", zh: "价格过高"},
    competitor: {en: "Lost to a competitor", zh: "输给竞争对手"},
    no_budget: {en: "No budget", zh: "没有预算"},
    no_decision: {en: "No decision", zh: "未做决定"},
    timing: {en: "Timing", zh: "时机不对"},
    features: {en: "Missing features", zh: "功能不满足"}
  }
};

/** The messages `code.<kind>.<code>` of a language ("en" or "zh-CN"): the defaults, then the configured names. */
export function displayNameMessages(configured = {}) {
  const messages = {en: {}, "zh-CN": {}};
  for (const names of [DISPLAY_NAMES, configured ?? {}])
    for (const [kind, codes] of Object.entries(names))
      for (const [code, name] of Object.entries(codes)) {
        const en = name.en ?? name.zh ?? name["zh-CN"];
        const zh = name.zh ?? name["zh-CN"] ?? name.en;
        if (en) messages.en[`code.${kind}.${code}`] = en;
        if (zh) messages["zh-CN"][`code.${kind}.${code}`] = zh;
      }
  return messages;
}

/**
 * A code in words: its display name, else — when it looks like a code (`trade_show`, `PAID_SOCIAL_ADS`) — the code
 * with spaces and a capital ("Trade show", "Paid social ads"), else the value as exported (a name such as 价格过高 already is one).
 */
export function displayName(t, kind, code) {
  try {
    return t(`code.${kind}.${code}`);
  } catch {
    return humanize(String(code));
  }
}

export function humanize(code) {
  const upper = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(code);
  if (!upper && !/^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$/.test(code)) return code;
  const words = (upper ? code.toLowerCase() : code).replace(/[_-]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
