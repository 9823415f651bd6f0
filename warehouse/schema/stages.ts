/**
 * The stage model: an ordered list of canonical stages, each with a kind, and the labels CRMs use
 * for them. A mapping file or preset may add labels; a label no stage knows is quarantined.
 */

export type StageKind = "open" | "won" | "lost";

export interface Stage {
  name: string;
  kind: StageKind;
  /** position in the funnel; won and lost share the last position */
  order: number;
  /** probability the CRM assigns to the stage, when configured */
  probability?: number;
  /** labels used by exports, matched case- and space-insensitively */
  labels: string[];
}

export const DEFAULT_STAGES: Stage[] = [
  {
    name: "potential",
    kind: "open",
    order: 1,
    probability: 0.1,
    labels: ["potential", "潜在", "潜在客户", "初步接洽", "线索确认"]
  },
  {
    name: "intent",
    kind: "open",
    order: 2,
    probability: 0.3,
    labels: ["intent", "意向", "意向客户", "需求确认", "方案"]
  },
  {
    name: "negotiation",
    kind: "open",
    order: 3,
    probability: 0.6,
    labels: ["negotiation", "谈判", "商务谈判", "报价", "合同谈判"]
  },
  {name: "won", kind: "won", order: 4, probability: 1, labels: ["won", "成交", "赢单", "已成交", "签约"]},
  {name: "lost", kind: "lost", order: 4, probability: 0, labels: ["lost", "输单", "丢单", "失败", "已流失"]}
];

/** Normalises a label for matching: case, spacing and punctuation do not matter (mirrored by SQL normalize_label). */
export function normalizeLabel(label: string): string {
  return label.toLowerCase().replace(/[\s_\-/.()（）:：]+/g, "");
}

/** label (normalised) → canonical stage name, from the stage model plus extra labels */
export function stageLabelIndex(stages: Stage[], extra: Record<string, string> = {}): Map<string, string> {
  const index = new Map<string, string>();
  for (const stage of stages) {
    index.set(normalizeLabel(stage.name), stage.name);
    for (const label of stage.labels) index.set(normalizeLabel(label), stage.name);
  }
  for (const [label, stage] of Object.entries(extra)) index.set(normalizeLabel(label), stage);
  return index;
}
