import {beatsBaselines} from "./held-out-metrics.ts";

/** Where a win probability comes from. */
export type ScoreMethod = "logistic_regression" | "naive_bayes" | "stage_probability";

export interface MethodMetrics {
  auc: number | null;
  brier_score: number | null;
  log_loss: number | null;
}

export interface DecisionContext {
  tooFew: boolean;
  split: {splitEpoch: number | null; trainWon: number; trainLost: number};
  minWon: number;
  minLost: number;
}

type Note = {note: string; note_zh: string};

const NAMES: Record<ScoreMethod, [string, string]> = {
  logistic_regression: ["the logistic regression", "逻辑回归模型"],
  naive_bayes: ["the naive-Bayes baseline", "朴素贝叶斯基线"],
  stage_probability: ["the stage-only baseline", "仅按阶段的基线"]
};

const f3 = (value: number | null) => (value === null ? "n/a" : value.toFixed(3));

/**
 * Which method scores the open opportunities, and a note per method saying why, in English and Chinese:
 * the logistic regression when it beats both baselines on the validation part's AUC (higher) and Brier
 * score (lower); otherwise the baseline with the lower Brier score (the stage-only one on a tie). Without
 * metrics (too few deals, or a validation or test part without won or lost deals) the learned stage
 * probabilities. The test part plays no part in the choice.
 */
export function decide(
  metrics: Record<ScoreMethod, MethodMetrics> | null,
  context: DecisionContext
): {method: ScoreMethod; notes: Record<ScoreMethod, Note>} {
  if (metrics === null) {
    const {trainWon, trainLost, splitEpoch} = context.split;
    const since = splitEpoch === null ? "" : new Date(splitEpoch * 1000).toISOString().slice(0, 10);
    const stage: Note = context.tooFew
      ? {
          note: `Only ${trainWon} won and ${trainLost} lost training opportunities (at least ${context.minWon} and ${context.minLost} are needed): no model is trained, scores are the learned stage probabilities.`,
          note_zh: `训练数据仅有赢单${trainWon}个、输单${trainLost}个（至少各需${context.minWon}个和${context.minLost}个）：不训练模型，得分采用学习到的阶段概率。`
        }
      : {
          note: `The validation or test opportunities (the test ones closed since ${since}) are all won or all lost, so no model can be chosen and tested: scores are the learned stage probabilities.`,
          note_zh: `验证集或测试集的商机（测试集为${since}以来结束的）全部赢单或全部输单，无法选择和检验模型：得分采用学习到的阶段概率。`
        };
    return {method: "stage_probability", notes: {...emptyNotes(), stage_probability: stage}};
  }
  const baselines = ["naive_bayes", "stage_probability"] as const;
  const beats = beatsBaselines(metrics, "logistic_regression", baselines);
  const figures = (method: ScoreMethod, zh = false) => {
    const others = (["logistic_regression", ...baselines] as ScoreMethod[]).filter((m) => m !== method);
    const [vs, and, comma] = zh ? ["对比", "和", "，"] : ["vs", "and", ", "];
    const line = (key: "auc" | "brier_score") =>
      `${f3(metrics[method][key])} ${vs} ${others.map((m) => f3(metrics[m][key])).join(` ${and} `)}`;
    return `AUC ${line("auc")}${comma}Brier ${line("brier_score")}`;
  };
  if (beats) {
    return {
      method: "logistic_regression",
      notes: {
        logistic_regression: {
          note: `Used: beats both baselines on the validation opportunities (${figures("logistic_regression")}).`,
          note_zh: `采用：在验证集商机上优于两个基线（${figures("logistic_regression", true)}）。`
        },
        naive_bayes: BEATEN,
        stage_probability: BEATEN
      }
    };
  }
  const better =
    (metrics.naive_bayes.brier_score ?? Infinity) < (metrics.stage_probability.brier_score ?? Infinity)
      ? "naive_bayes"
      : "stage_probability";
  const other = better === "naive_bayes" ? "stage_probability" : "naive_bayes";
  return {
    method: better,
    notes: {
      logistic_regression: {
        note: `Not used: does not beat both baselines on both AUC and Brier on the validation opportunities (${figures("logistic_regression")}), so ${NAMES[better][0]} is shown instead.`,
        note_zh: `未采用：在验证集商机上未能在AUC和Brier上同时优于两个基线（${figures("logistic_regression", true)}），改为显示${NAMES[better][1]}。`
      },
      [better]: {
        note: `Used instead of the logistic regression, which does not beat both baselines; the better baseline by validation Brier score (${figures(better)}).`,
        note_zh: `代替逻辑回归采用（逻辑回归未能同时优于两个基线）；按验证集Brier评分更好的基线（${figures(better, true)}）。`
      },
      [other]: {
        note: `Not used: the other baseline has the lower validation Brier score.`,
        note_zh: `未采用：另一个基线的验证集Brier评分更低。`
      }
    } as Record<ScoreMethod, Note>
  };
}

const BEATEN: Note = {
  note: "Baseline: beaten by the logistic regression on AUC and Brier.",
  note_zh: "基线：AUC和Brier均不如逻辑回归。"
};

function emptyNotes(): Record<ScoreMethod, Note> {
  const none = {note: "Not evaluated.", note_zh: "未评估。"};
  return {logistic_regression: none, naive_bayes: none, stage_probability: none};
}
