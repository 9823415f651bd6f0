import type {LeadFeature} from "./lead-features.ts";

/** Where a lead's conversion probability comes from. */
export type LeadScoreMethod = "logistic_regression" | "source_rate" | "overall_rate";

const NAMES: Record<LeadFeature, [string, string]> = {
  source: ["source", "来源"],
  campaign: ["campaign", "活动"],
  rating: ["rating", "评级"],
  owner_rep_id: ["owner", "负责人"]
};

/** A feature's contribution to a lead's log-odds: a built-in one, or a declared one with its words. */
export type LeadReasonInput =
  | {feature: LeadFeature; contribution: number}
  | {feature: string; contribution: number; words: [string, string]};

/**
 * A lead score's main reasons, [English, Chinese]: for the regression the two features that move its
 * log-odds most (contributions scaled by the recalibration's slope), with the factor on the odds of
 * converting — declared features named as the mapping file does; for the rates, the rate itself.
 */
export function leadReasons(
  method: LeadScoreMethod,
  {
    contributions,
    slope,
    row,
    rate
  }: {
    contributions: readonly LeadReasonInput[] | null;
    slope: number;
    row: Record<LeadFeature, string | null>;
    rate: number;
  }
): [string, string][] {
  const pct = Math.round(rate * 100);
  if (method === "overall_rate") return [[`${pct} % of past leads converted`, `以往线索${pct}%转化`]];
  if (method === "source_rate" || contributions === null) {
    const source = row.source ?? "unknown";
    return [[`Source ${source}: ${pct} % of past leads from it converted`, `来源${source}：以往该来源线索${pct}%转化`]];
  }
  return contributions
    .map((item) => ({...item, contribution: item.contribution * slope}))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, 2)
    .map((item) => {
      const factor = Math.exp(item.contribution).toFixed(2);
      const up = item.contribution >= 0;
      const [en, zh] = "words" in item ? item.words : builtInWords(item.feature, row);
      return [
        `${en[0].toUpperCase()}${en.slice(1)}: ${up ? "raises" : "lowers"} the odds of converting (×${factor})`,
        `${zh}，转化几率${up ? "提高" : "降低"}（×${factor}）`
      ];
    });
}

function builtInWords(feature: LeadFeature, row: Record<LeadFeature, string | null>): [string, string] {
  const value = row[feature] ?? "unknown";
  const [en, zh] = NAMES[feature];
  return [`${en} ${value}`, `${zh}${value}`];
}
