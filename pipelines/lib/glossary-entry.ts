/** One metric as the glossary page and the README show it; each pipeline module exports its entries as `glossary`. */
export interface GlossaryEntry {
  /** the column or figure name as it appears in the pipeline's rows, e.g. win_rate */
  metric: string;
  /** English title and Chinese title */
  title: string;
  title_zh: string;
  /** the definition, in words and formula */
  definition: string;
  /** the definition in Chinese, where written */
  definition_zh?: string;
  /** one row per … */
  grain: string;
  /** the pipeline function that computes it */
  pipeline: string;
}

/** Chinese definitions of a family's entries, by metric, or by "pipeline:metric" where two pipelines share a metric. */
export type GlossaryZh = Record<string, string>;
