/** Fictional reference data: names, places, industries and products of the sample company's market. */

/** [character, pinyin] — pinyin builds fictional e-mail addresses. */
export const SURNAMES: readonly [string, string][] = [
  ["王", "wang"],
  ["李", "li"],
  ["张", "zhang"],
  ["刘", "liu"],
  ["陈", "chen"],
  ["杨", "yang"],
  ["黄", "huang"],
  ["赵", "zhao"],
  ["吴", "wu"],
  ["周", "zhou"],
  ["徐", "xu"],
  ["孙", "sun"],
  ["马", "ma"],
  ["朱", "zhu"],
  ["胡", "hu"],
  ["郭", "guo"],
  ["何", "he"],
  ["林", "lin"],
  ["高", "gao"],
  ["罗", "luo"],
  ["郑", "zheng"],
  ["梁", "liang"],
  ["谢", "xie"],
  ["宋", "song"],
  ["唐", "tang"],
  ["韩", "han"],
  ["冯", "feng"],
  ["邓", "deng"],
  ["曹", "cao"],
  ["彭", "peng"],
  ["曾", "zeng"],
  ["肖", "xiao"],
  ["田", "tian"],
  ["董", "dong"],
  ["潘", "pan"],
  ["袁", "yuan"],
  ["蒋", "jiang"],
  ["蔡", "cai"],
  ["余", "yu"],
  ["杜", "du"],
  ["叶", "ye"],
  ["程", "cheng"],
  ["魏", "wei"],
  ["苏", "su"],
  ["吕", "lv"],
  ["丁", "ding"],
  ["沈", "shen"],
  ["姚", "yao"],
  ["卢", "lu"],
  ["范", "fan"]
];

export const GIVEN_NAME_CHARS: readonly [string, string][] = [
  ["伟", "wei"],
  ["芳", "fang"],
  ["娜", "na"],
  ["敏", "min"],
  ["静", "jing"],
  ["丽", "li"],
  ["强", "qiang"],
  ["磊", "lei"],
  ["军", "jun"],
  ["洋", "yang"],
  ["勇", "yong"],
  ["艳", "yan"],
  ["杰", "jie"],
  ["娟", "juan"],
  ["涛", "tao"],
  ["明", "ming"],
  ["超", "chao"],
  ["秀", "xiu"],
  ["霞", "xia"],
  ["平", "ping"],
  ["刚", "gang"],
  ["英", "ying"],
  ["华", "hua"],
  ["建", "jian"],
  ["国", "guo"],
  ["志", "zhi"],
  ["文", "wen"],
  ["辉", "hui"],
  ["玲", "ling"],
  ["鹏", "peng"],
  ["宇", "yu"],
  ["浩", "hao"],
  ["婷", "ting"],
  ["晨", "chen"],
  ["欣", "xin"],
  ["雪", "xue"],
  ["海", "hai"],
  ["峰", "feng"],
  ["亮", "liang"],
  ["斌", "bin"],
  ["琳", "lin"],
  ["颖", "ying"],
  ["倩", "qian"],
  ["凯", "kai"],
  ["博", "bo"],
  ["然", "ran"],
  ["思", "si"],
  ["佳", "jia"],
  ["俊", "jun"],
  ["梅", "mei"],
  ["兰", "lan"],
  ["东", "dong"],
  ["春", "chun"],
  ["晓", "xiao"],
  ["红", "hong"],
  ["云", "yun"],
  ["丹", "dan"],
  ["彤", "tong"],
  ["子", "zi"],
  ["睿", "rui"],
  ["泽", "ze"],
  ["诗", "shi"],
  ["雨", "yu"],
  ["天", "tian"],
  ["立", "li"],
  ["新", "xin"],
  ["永", "yong"],
  ["嘉", "jia"],
  ["帆", "fan"],
  ["航", "hang"]
];

/** Two of these make a company's trade name (字号). */
export const TRADE_NAME_CHARS = [
  ..."恒达华信通利兴盛泰安瑞德鑫源丰汇宏远嘉隆昌凯腾博创锐美天宇中海星宝金正力诚合润祥康永荣益佳科联东方启明晟晶"
];

export type Team = "华东" | "华南" | "华北" | "西南" | "大客户部";
export const TEAMS: readonly Team[] = ["华东", "华南", "华北", "西南", "大客户部"];
export const TEAM_REGION: Record<Team, string> = {
  华东: "华东",
  华南: "华南",
  华北: "华北",
  西南: "西南",
  大客户部: "全国"
};

export interface Province {
  name: string;
  cities: readonly string[];
  weight: number;
  team: Team;
}

export const PROVINCES: readonly Province[] = [
  {name: "广东", cities: ["广州", "深圳", "东莞", "佛山", "珠海"], weight: 16, team: "华南"},
  {name: "江苏", cities: ["南京", "苏州", "无锡", "常州", "南通"], weight: 13, team: "华东"},
  {name: "浙江", cities: ["杭州", "宁波", "温州", "绍兴", "嘉兴"], weight: 12, team: "华东"},
  {name: "上海", cities: ["上海"], weight: 10, team: "华东"},
  {name: "北京", cities: ["北京"], weight: 9, team: "华北"},
  {name: "山东", cities: ["济南", "青岛", "烟台", "潍坊"], weight: 8, team: "华北"},
  {name: "四川", cities: ["成都", "绵阳", "德阳"], weight: 6, team: "西南"},
  {name: "湖北", cities: ["武汉", "宜昌", "襄阳"], weight: 5, team: "华南"},
  {name: "福建", cities: ["福州", "厦门", "泉州"], weight: 5, team: "华南"},
  {name: "河南", cities: ["郑州", "洛阳"], weight: 5, team: "华北"},
  {name: "安徽", cities: ["合肥", "芜湖"], weight: 3, team: "华东"},
  {name: "湖南", cities: ["长沙", "株洲"], weight: 3, team: "华南"},
  {name: "重庆", cities: ["重庆"], weight: 3, team: "西南"},
  {name: "天津", cities: ["天津"], weight: 2, team: "华北"},
  {name: "河北", cities: ["石家庄", "唐山"], weight: 2, team: "华北"},
  {name: "云南", cities: ["昆明"], weight: 2, team: "西南"}
];

export interface Industry {
  name: string;
  weight: number;
  /** company-name endings, e.g. 精密机械有限公司 */
  suffixes: readonly string[];
}

export const INDUSTRIES: readonly Industry[] = [
  {
    name: "制造业",
    weight: 30,
    suffixes: ["精密机械有限公司", "机电设备有限公司", "电子科技有限公司", "汽车零部件有限公司", "智能装备股份有限公司"]
  },
  {name: "零售", weight: 9, suffixes: ["商贸有限公司", "连锁超市有限公司", "百货有限公司", "电子商务有限公司"]},
  {name: "医疗", weight: 9, suffixes: ["医疗器械有限公司", "医药有限公司", "生物科技有限公司"]},
  {name: "教育", weight: 6, suffixes: ["教育科技有限公司", "教育咨询有限公司"]},
  {name: "金融", weight: 7, suffixes: ["融资租赁有限公司", "投资管理有限公司", "保险代理有限公司"]},
  {name: "物流", weight: 13, suffixes: ["物流有限公司", "供应链管理有限公司", "国际货运代理有限公司"]},
  {name: "能源", weight: 12, suffixes: ["新能源科技有限公司", "电力工程有限公司", "光伏科技有限公司"]},
  {name: "互联网", weight: 8, suffixes: ["网络科技有限公司", "信息技术有限公司", "数据科技有限公司"]}
];

export interface SizeBand {
  band: string;
  weight: number;
  employees: [number, number];
}

export const SIZE_BANDS: readonly SizeBand[] = [
  {band: "1-49", weight: 24, employees: [8, 49]},
  {band: "50-199", weight: 31, employees: [50, 199]},
  {band: "200-999", weight: 29, employees: [200, 999]},
  {band: "1000-4999", weight: 12, employees: [1000, 4999]},
  {band: "5000+", weight: 4, employees: [5000, 30000]}
];

export const CREDIT_RATINGS: readonly {rating: string; weight: number; winLogit: number}[] = [
  {rating: "A", weight: 30, winLogit: 0.2},
  {rating: "B", weight: 40, winLogit: 0},
  {rating: "C", weight: 22, winLogit: -0.2},
  {rating: "D", weight: 8, winLogit: -0.6}
];

export interface Product {
  name: string;
  /** median deal in CNY for a mid-sized customer */
  median: number;
  margin: number;
  /** industries that buy it most */
  industries: readonly string[];
}

export const PRODUCTS: readonly Product[] = [
  {name: "MES制造执行系统", median: 380_000, margin: 0.55, industries: ["制造业", "能源", "医疗"]},
  {name: "ERP企业资源管理", median: 260_000, margin: 0.6, industries: ["零售", "制造业", "教育", "金融"]},
  {name: "工业物联网平台", median: 320_000, margin: 0.58, industries: ["制造业", "能源", "互联网"]},
  {name: "智能仓储系统", median: 450_000, margin: 0.35, industries: ["物流", "零售"]},
  {name: "数控加工设备", median: 600_000, margin: 0.25, industries: ["制造业"]},
  {name: "机器视觉检测设备", median: 280_000, margin: 0.3, industries: ["制造业", "医疗"]},
  {name: "能耗管理系统", median: 150_000, margin: 0.5, industries: ["能源", "互联网", "教育"]},
  {name: "设备运维服务", median: 80_000, margin: 0.42, industries: ["金融", "医疗", "物流", "互联网", "教育"]}
];

export const LOST_REASONS = ["价格过高", "选择竞品", "预算取消", "需求变更", "无决策权", "失去联系"] as const;

/** Lost-reason weights by the stage the opportunity was lost in. */
export const LOST_REASON_WEIGHTS: Record<"potential" | "intent" | "negotiation", readonly number[]> = {
  potential: [1, 1, 2, 3, 4, 6],
  intent: [2, 4, 4, 3, 2, 2],
  negotiation: [6, 5, 2, 1, 1, 1]
};

export const COMPETITORS = ["华科智造", "云启软件", "鼎信科技", "智源工业", "恒通自动化", "蓝海数智"];

export const CONTACT_TITLES = [
  "总经理",
  "采购经理",
  "技术总监",
  "IT经理",
  "生产总监",
  "财务总监",
  "运营经理",
  "副总经理"
];

export const EMAIL_DOMAINS = ["example.com", "example.net", "example.org"];
