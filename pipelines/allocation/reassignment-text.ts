/** Why an opportunity is suggested for another rep. */
export type ReassignmentReason = "overloaded" | "weak_in_segment" | "overloaded_and_weak_in_segment";

/** The figures an explanation quotes. */
export interface ReassignmentFacts {
  opportunity_id: string;
  industry: string;
  from_rep_id: string;
  from_rep_name: string | null;
  to_rep_id: string;
  to_rep_name: string | null;
  from_count_open: number;
  to_count_open: number;
  team_median_count_open: number;
  from_segment_win_rate: number;
  to_segment_win_rate: number;
  industry_win_rate: number;
  win_probability_before: number;
  win_probability_after: number;
  expected_value_gain: number;
  reason: ReassignmentReason;
}

const pct = (rate: number) => `${Math.round(rate * 100)}`;
const whole = (value: number) => Math.round(value).toLocaleString("en-US");

/**
 * A suggested move in plain words, English and Chinese: why the owner should let it go (overloaded
 * against the team median, weaker in the industry), why the other rep, and what it is expected to gain.
 *
 * @example
 * explainReassignment(facts).explanation;
 * // "Rep One (R1) holds 6 open opportunities, 2.0× the team median of 3. In 制造业 (average 40 %) Rep One wins 30 %
 * //  (shrunk), Rep Two (R2) 45 % with 2 open. Moving O1 to Rep Two raises its win probability from 40 %
 * //  to 55 % and its expected value by 12,000."
 */
export function explainReassignment(f: ReassignmentFacts): {explanation: string; explanation_zh: string} {
  const from = f.from_rep_name ?? f.from_rep_id;
  const to = f.to_rep_name ?? f.to_rep_id;
  const fromLabel = f.from_rep_name ? `${f.from_rep_name} (${f.from_rep_id})` : f.from_rep_id;
  const toLabel = f.to_rep_name ? `${f.to_rep_name} (${f.to_rep_id})` : f.to_rep_id;
  const ratio = f.team_median_count_open > 0 ? (f.from_count_open / f.team_median_count_open).toFixed(1) : "∞";
  const overloaded = f.reason !== "weak_in_segment";
  const load = overloaded
    ? `${fromLabel} holds ${f.from_count_open} open opportunities, ${ratio}× the team median of ${whole(f.team_median_count_open)}. `
    : "";
  const loadZh = overloaded
    ? `${fromLabel}手上有${f.from_count_open}个进行中的商机，是团队中位数${whole(f.team_median_count_open)}的${ratio}倍。`
    : "";
  const subject = overloaded ? from : fromLabel;
  const explanation =
    `${load}In ${f.industry} (average ${pct(f.industry_win_rate)} %) ${subject} wins ${pct(f.from_segment_win_rate)} % (shrunk), ${toLabel} ` +
    `${pct(f.to_segment_win_rate)} % with ${f.to_count_open} open. Moving ${f.opportunity_id} to ${to} raises its win ` +
    `probability from ${pct(f.win_probability_before)} % to ${pct(f.win_probability_after)} % and its expected value ` +
    `by ${whole(f.expected_value_gain)}.`;
  const explanation_zh =
    `${loadZh}在${f.industry}行业（平均赢单率${pct(f.industry_win_rate)}%），${subject}的赢单率（收缩后）为${pct(f.from_segment_win_rate)}%，${toLabel}为` +
    `${pct(f.to_segment_win_rate)}%（手上${f.to_count_open}个）。将${f.opportunity_id}转给${to}，赢单概率由` +
    `${pct(f.win_probability_before)}%升至${pct(f.win_probability_after)}%，期望价值增加${whole(f.expected_value_gain)}。`;
  return {explanation, explanation_zh};
}
