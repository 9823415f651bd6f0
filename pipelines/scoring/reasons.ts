import type {FeatureTable} from "./read-features.ts";
import type {ModelFeature} from "./encode-features.ts";
import type {NaiveBayesField} from "./baselines.ts";

/** A feature a reason can name: a model feature or a naive-Bayes field. */
export type ReasonFeature = ModelFeature | NaiveBayesField;

/** A feature's contribution to a score: a built-in one, described from the table, or one that brings its words. */
export type ReasonInput =
  | {feature: ReasonFeature; contribution: number}
  | {feature: string; contribution: number; words: [string, string]};

/** One reason behind a score: what the feature says about the opportunity, in English and Chinese. */
export interface Reason {
  /** a built-in feature (ReasonFeature), or the name of a declared one */
  feature: string;
  /** its contribution to the log-odds of winning (positive raises the chance) */
  contribution: number;
  text: string;
  text_zh: string;
}

const STAGE_ZH: Record<string, string> = {potential: "潜在", intent: "意向", negotiation: "谈判"};

const FOLLOW_UP: Record<string, [string, string]> = {
  on_plan: ["follow-up on plan", "按计划跟进"],
  on_plan_so_far: ["follow-up on plan so far", "跟进暂符合计划"],
  off_plan: ["follow-up off plan", "未按计划跟进"]
};

function level(table: FeatureTable, column: keyof FeatureTable["codes"], i: number): string {
  const code = table.codes[column][i];
  return code === 0 ? "unknown" : table.levels[column][code - 1];
}

function whole(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** What a feature says about table row i, in plain words: [English, Chinese]. */
export function describeFeature(
  table: FeatureTable,
  feature: ReasonFeature,
  i: number,
  rates: {rep: number; repSegment: number}
): [string, string] {
  const n = table.numbers;
  switch (feature) {
    case "log_amount":
      return [`amount ${whole(n.amount[i])}`, `金额${whole(n.amount[i])}`];
    case "log_age_days":
      return [`open for ${whole(n.age_days[i])} days`, `已开启${whole(n.age_days[i])}天`];
    case "log_days_since_touch":
      return n.activity_count[i] === 0
        ? [
            `not touched in the ${whole(n.days_since_touch[i])} days since creation`,
            `创建${whole(n.days_since_touch[i])}天未跟进`
          ]
        : [
            `last touched ${whole(n.days_since_touch[i])} days ago`,
            `最近一次跟进在${whole(n.days_since_touch[i])}天前`
          ];
    case "log_activity_count":
      return [`${whole(n.activity_count[i])} follow-up activities`, `跟进${whole(n.activity_count[i])}次`];
    case "rep_win_rate":
      return [`owner's win rate ${whole(rates.rep * 100)} %`, `负责人赢单率${whole(rates.rep * 100)}%`];
    case "rep_segment_win_rate": {
      const industry = level(table, "industry", i);
      return [
        `owner's win rate in ${industry} ${whole(rates.repSegment * 100)} %`,
        `负责人在${industry}行业的赢单率${whole(rates.repSegment * 100)}%`
      ];
    }
    case "is_returning_customer":
      return n.is_returning_customer[i] ? ["returning customer", "老客户"] : ["new customer", "新客户"];
    case "has_competitor":
      return n.has_competitor[i] ? ["competitor named", "有竞争对手"] : ["no competitor named", "无竞争对手"];
    case "source":
      return [`source ${level(table, "source", i)}`, `来源${level(table, "source", i)}`];
    case "industry":
      return [`industry ${level(table, "industry", i)}`, `行业${level(table, "industry", i)}`];
    case "province":
      return [`province ${level(table, "province", i)}`, `省份${level(table, "province", i)}`];
    case "size_band":
      return [`${level(table, "size_band", i)} employees`, `规模${level(table, "size_band", i)}人`];
    case "credit_rating":
      return [`credit rating ${level(table, "credit_rating", i)}`, `信用等级${level(table, "credit_rating", i)}`];
    case "stage": {
      const stage = level(table, "stage", i);
      return [`stage ${stage}`, `阶段${STAGE_ZH[stage] ?? stage}`];
    }
    case "follow_up":
      return FOLLOW_UP[level(table, "follow_up", i)] ?? ["follow-up unknown", "跟进情况未知"];
    case "owner_rep_id":
      return [`owner ${level(table, "owner_rep_id", i)}`, `负责人${level(table, "owner_rep_id", i)}`];
  }
}

/**
 * The top `count` reasons of a score: the features with the largest contributions to its log-odds, in
 * plain words with the factor they multiply the odds of winning by, e.g. "Source referral: raises the odds
 * of winning (×1.80)" / "来源referral，赢单几率提高（×1.80）". Ties keep the features' order.
 */
export function topReasons(
  table: FeatureTable,
  i: number,
  contributions: readonly ReasonInput[],
  rates: {rep: number; repSegment: number},
  count = 3
): Reason[] {
  return [...contributions]
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, count)
    .map((item) => {
      const {feature, contribution} = item;
      const [en, zh] = "words" in item ? item.words : describeFeature(table, item.feature, i, rates);
      const factor = Math.exp(contribution).toFixed(2);
      const up = contribution >= 0;
      return {
        feature,
        contribution,
        text: `${en[0].toUpperCase()}${en.slice(1)}: ${up ? "raises" : "lowers"} the odds of winning (×${factor})`,
        text_zh: `${zh}，赢单几率${up ? "提高" : "降低"}（×${factor}）`
      };
    });
}
