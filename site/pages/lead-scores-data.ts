import type {LeadEvaluationRow, LeadScoring} from "../../pipelines/scoring/score-leads.ts";
import {significant} from "../significant.ts";
import type {SiteLocale} from "../site-locale.ts";
import {roundedTestMetrics} from "./rounded-test-metrics.ts";
import {reliabilityBins, type ReliabilityBin} from "./reliability-bins.ts";
import {nameReason} from "./name-reason.ts";

/** Open leads the page lists, the likeliest to convert first. */
export const LEAD_ROWS = 20;

/** The lead scores as the opportunities page shows them, in the site's language. */
export interface LeadScoresData {
  missing: string[];
  count_open: number;
  evaluation: Omit<
    LeadEvaluationRow,
    "log_loss" | "calibration_method" | "calibrated_brier_score_lower" | "calibrated_brier_score_upper" | "note_zh"
  >[];
  /** the used method on the test leads, before and after recalibration */
  calibration: ReliabilityBin[];
  leads: {
    lead_id: string;
    created_at: string | null;
    source: string | null;
    campaign: string | null;
    rating: string | null;
    conversion_probability: number;
    reasons: string[];
  }[];
}

/**
 * Shapes scoreLeads' result for the page: rounded figures, the top LEAD_ROWS open leads, one language; reasons name
 * the lead's owner by `repNames` (rep_id → name).
 */
export function leadScoresData(
  scored: LeadScoring,
  locale: SiteLocale,
  repNames: Map<string, string> = new Map()
): LeadScoresData {
  const zh = locale === "zh-CN";
  const used = scored.evaluation.rows.find((row) => row.is_used);
  return {
    missing: scored.scores.missing,
    count_open: scored.scores.rows.length,
    evaluation: scored.evaluation.rows.map((row) => ({
      method: row.method,
      is_used: row.is_used,
      split_kind: row.split_kind,
      n_train_leads: row.n_train_leads,
      n_validation_leads: row.n_validation_leads,
      n_test_leads: row.n_test_leads,
      n_test_converted: row.n_test_converted,
      ...roundedTestMetrics(row),
      note: zh ? row.note_zh : row.note
    })),
    calibration: reliabilityBins(scored.calibration, used?.method),
    leads: scored.scores.rows.slice(0, LEAD_ROWS).map((row) => ({
      lead_id: row.lead_id,
      created_at: row.created_at?.slice(0, 10) ?? null,
      source: row.source,
      campaign: row.campaign,
      rating: row.rating,
      conversion_probability: significant(row.conversion_probability),
      reasons: (zh ? [row.reason_1_zh, row.reason_2_zh] : [row.reason_1, row.reason_2])
        .filter((reason): reason is string => reason !== null)
        .map((reason) =>
          nameReason(
            reason,
            {...row, rep_name: row.owner_rep_id === null ? null : (repNames.get(row.owner_rep_id) ?? null)},
            zh
          )
        )
    }))
  };
}
