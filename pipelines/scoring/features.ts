import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";
import {inReportingCurrencySql} from "../lib/reporting-amounts.ts";

/**
 * Ages (days after creation) at which a closed opportunity is looked at for training: the landmarks.
 * An opportunity becomes one training row per landmark it was still undecided at.
 */
export const DEFAULT_LANDMARK_DAYS: readonly number[] = [1, 7, 30, 90, 180];

/**
 * The closed opportunities a scorer learns from and is tested on, at most: the newest ones. Beyond this
 * many the held-out accuracy hardly moves while training time grows with them (a million-opportunity
 * warehouse has 900,000 closed), and the newest deals say most about how deals are won now.
 */
export const DEFAULT_MAX_CLOSED = 100_000;

/**
 * SQL for the scoring features — grain: one row per cut-off: each opportunity open at $now once, as of now
 * (the moment it is scored); each opportunity won or lost in [$start, $end) and by $now — the newest
 * $max_closed of them — once per landmark age ($landmarks, days after creation) at which it was still
 * undecided (as_of < closed_at), as of that age. Every feature is measured as of the cut-off `as_of`: nothing recorded after it is read, and none of
 * closed_at, lost_reason or the final stage is a feature (closed_at only places the landmarks and orders
 * the time-ordered split).
 *
 * Why landmarks (van Houwelingen 2007, "dynamic prediction by landmarking"): an open deal is scored on
 * what it looks like today, still undecided at its age. A training row cut at a fraction of its life (say
 * halfway to the close) would carry the cycle length in its age — half the cycle — which is the outcome
 * leaking back: lost deals close fast, so "young at the cut-off" would mean "lost" (on the sample a midpoint
 * cut made age the strongest feature and showed a held-out AUC of 0.86, against 0.74 here). Cut at fixed ages,
 * a row says "still open at 30 days, looking like this", exactly the question asked of an open 30-day-old
 * deal. Why not "the stage reached before closing": every won deal passes the last open stage on its way
 * to won, so that stage would separate won from lost perfectly in training and say nothing about an open
 * deal in an early stage; the closing stage is never seen here (it is entered at the close, after every
 * cut-off). A deal decided within the first landmark has no row.
 *
 * Columns:
 * - is_won (1/0; null when open), label_epoch (close time, epoch seconds: orders the split only),
 *   landmark_days (null when open), as_of, opportunity_id, outcome;
 * - stage — the last open stage entered by as_of (stage_events: history, snapshots, creation);
 * - age_days, activity_count and days_since_touch (since the last activity, or creation) at as_of;
 * - follow_up — the plan as of as_of (first contact ≤ $first_contact_hours h, materials $materials_min_days–
 *   $materials_max_days d later, second contact $second_min_days–$second_max_days d after them): on_plan
 *   (all three on time), on_plan_so_far (no step missed yet), off_plan;
 * - rep_closed_before / rep_won_before — the owner's deals closed in calendar months before the cut-off's
 *   month (all of the rep's deals, whatever the filters), rep_segment_* the same in the account's industry;
 *   is_returning_customer — the account won a deal before as_of;
 * - source, industry, province, size_band, credit_rating, owner_rep_id, competitor, amount (the
 *   stage_history amount at as_of where recorded, else the current one).
 *
 * Parameters: $now, $start, $end, $max_closed, $landmarks (DOUBLE[]), the plan's thresholds, the filter's. Needs the
 * stage_events view (ensureStageEntries). Each opportunity's events are gathered once into lists and
 * filtered per cut-off; a rep's record is a dense rep × month grid, so every lookup is a plain hash join.
 */
export function featuresSql(filterSql: string): string {
  return `
WITH closes AS (
  -- the record the as-of statistics count from: every deal decided by now, unfiltered (a rep's record is all of it)
  SELECT o.owner_rep_id, o.account_id, a.industry, o.closed_at, date_trunc('month', o.closed_at)::DATE AS month,
    (o.outcome = 'won')::INTEGER AS won
  FROM opportunities o LEFT JOIN accounts a ON a.account_id = o.account_id
  WHERE o.outcome IN ('won', 'lost') AND o.closed_at <= $now::TIMESTAMP
),
months AS (
  SELECT unnest(generate_series(min(month), date_trunc('month', $now::TIMESTAMP)::DATE, INTERVAL 1 MONTH))::DATE AS month
  FROM closes
),
rep_months AS (
  -- one row per rep per month: the deals the rep closed in earlier months (a dense grid, so a plain join finds it)
  SELECT g.owner_rep_id, m.month,
    coalesce(sum(c.n) OVER w, 0) AS n_closed, coalesce(sum(c.won) OVER w, 0) AS n_won
  FROM (SELECT DISTINCT owner_rep_id FROM closes WHERE owner_rep_id IS NOT NULL) g CROSS JOIN months m
  LEFT JOIN (SELECT owner_rep_id, month, count(*) AS n, sum(won) AS won FROM closes GROUP BY ALL) c
    ON c.owner_rep_id = g.owner_rep_id AND c.month = m.month
  WINDOW w AS (PARTITION BY g.owner_rep_id ORDER BY m.month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
rep_segment_months AS (
  SELECT g.owner_rep_id, g.industry, m.month,
    coalesce(sum(c.n) OVER w, 0) AS n_closed, coalesce(sum(c.won) OVER w, 0) AS n_won
  FROM (SELECT DISTINCT owner_rep_id, industry FROM closes WHERE owner_rep_id IS NOT NULL AND industry IS NOT NULL) g
  CROSS JOIN months m
  LEFT JOIN (SELECT owner_rep_id, industry, month, count(*) AS n, sum(won) AS won FROM closes GROUP BY ALL) c
    ON c.owner_rep_id = g.owner_rep_id AND c.industry = g.industry AND c.month = m.month
  WINDOW w AS (PARTITION BY g.owner_rep_id, g.industry ORDER BY m.month ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
account_first_wins AS (
  SELECT account_id, min(closed_at) AS first_won_at FROM closes WHERE won = 1 AND account_id IS NOT NULL GROUP BY ALL
),
scored AS (
  SELECT f.opportunity_id, f.outcome, f.owner_rep_id, f.account_id, f.source, f.amount, f.competitor, f.created_at,
    f.closed_at, f.stage AS current_stage, a.industry, a.province, a.size_band, a.credit_rating
  FROM ${OPPORTUNITY_SCOPE} f LEFT JOIN accounts a ON a.account_id = f.account_id
  WHERE ${filterSql} AND f.created_at <= $now::TIMESTAMP
    -- labelled rows: decided in the period and by now
    AND (f.outcome = 'open' OR (f.outcome IN ('won', 'lost') AND f.closed_at >= $start::TIMESTAMP
      AND f.closed_at < $end::TIMESTAMP AND f.closed_at <= $now::TIMESTAMP))
  -- the newest $max_closed of them
  QUALIFY f.outcome = 'open'
    OR row_number() OVER (PARTITION BY f.outcome = 'open' ORDER BY f.closed_at DESC, f.opportunity_id) <= $max_closed
),
stage_lists AS (
  -- each opportunity's open-stage events keyed by time, then the events' tie order (the struct compares on k first)
  SELECT opportunity_id, list(struct_pack(k := epoch_us(entered_at) * 4 + tie, stage := stage)) AS stages
  FROM stage_events
  WHERE stage_kind = 'open' AND opportunity_id IN (SELECT opportunity_id FROM scored)
  GROUP BY opportunity_id
),
amount_lists AS (
  SELECT opportunity_id, list(struct_pack(t := entered_at, amount := amount)) AS amounts
  FROM stage_history
  -- an amount in another currency than the reporting one is left for the current, converted one
  WHERE amount IS NOT NULL AND ${inReportingCurrencySql("currency")} AND opportunity_id IN (SELECT opportunity_id FROM scored)
  GROUP BY opportunity_id
),
touch_lists AS (
  SELECT opportunity_id, list(occurred_at) AS touches,
    list(occurred_at) FILTER (WHERE type IS DISTINCT FROM 'material_sent') AS contacts,
    list(occurred_at) FILTER (WHERE type = 'material_sent') AS materials
  FROM activities
  WHERE opportunity_id IN (SELECT opportunity_id FROM scored)
  GROUP BY opportunity_id
),
plan_steps AS (
  -- the plan's events never depend on later ones: each is found once, then compared with every cut-off
  SELECT opportunity_id, touches, first_contact_at, materials_at,
    list_min(list_filter(contacts, t -> t > materials_at)) AS second_contact_at
  FROM (
    SELECT *, list_min(list_filter(materials, t -> t > first_contact_at)) AS materials_at
    FROM (SELECT *, list_min(contacts) AS first_contact_at FROM touch_lists)
  )
),
enriched AS (
  SELECT s.*, sl.stages, al.amounts, p.touches, p.first_contact_at, p.materials_at, p.second_contact_at,
    fw.first_won_at
  FROM scored s
  LEFT JOIN stage_lists sl ON sl.opportunity_id = s.opportunity_id
  LEFT JOIN amount_lists al ON al.opportunity_id = s.opportunity_id
  LEFT JOIN plan_steps p ON p.opportunity_id = s.opportunity_id
  LEFT JOIN account_first_wins fw ON fw.account_id = s.account_id
),
cut_offs AS (
  SELECT *, NULL::DOUBLE AS landmark_days, $now::TIMESTAMP AS as_of FROM enriched WHERE outcome = 'open'
  UNION ALL
  SELECT e.*, l.days AS landmark_days, e.created_at + to_seconds(l.days * 86400) AS as_of
  FROM enriched e CROSS JOIN (SELECT unnest($landmarks::DOUBLE[]) AS days) l
  -- a landmark counts only while the deal is still undecided: the outcome lies after the cut-off
  WHERE e.outcome <> 'open' AND e.created_at + to_seconds(l.days * 86400) < e.closed_at
),
at_cut_off AS (
  -- everything recorded after the cut-off is filtered away
  SELECT *,
    list_max(list_filter(stages, e -> e.k <= epoch_us(as_of) * 4 + 3)).stage AS stage_at,
    list_max(list_filter(amounts, e -> e.t <= as_of)).amount AS amount_at,
    len(list_filter(touches, t -> t <= as_of)) AS n_touches,
    list_max(list_filter(touches, t -> t <= as_of)) AS last_touch_at,
    CASE WHEN first_contact_at <= as_of THEN first_contact_at END AS first_at,
    CASE WHEN materials_at <= as_of THEN materials_at END AS materials_done_at,
    CASE WHEN second_contact_at <= as_of THEN second_contact_at END AS second_at,
    date_trunc('month', as_of)::DATE AS as_of_month
  FROM cut_offs
),
steps AS (
  SELECT *,
    date_diff('second', created_at, first_at) / 3600.0 AS first_hours,
    date_diff('second', first_at, materials_done_at) / 86400.0 AS materials_days,
    date_diff('second', materials_done_at, second_at) / 86400.0 AS second_days,
    date_diff('second', created_at, as_of) / 3600.0 AS hours_open,
    date_diff('second', first_at, as_of) / 86400.0 AS days_since_first,
    date_diff('second', materials_done_at, as_of) / 86400.0 AS days_since_materials
  FROM at_cut_off
),
plan_status AS (
  SELECT *,
    CASE WHEN first_hours > $first_contact_hours OR (first_hours IS NULL AND hours_open > $first_contact_hours)
           OR materials_days NOT BETWEEN $materials_min_days AND $materials_max_days
           OR (first_hours IS NOT NULL AND materials_days IS NULL AND days_since_first > $materials_max_days)
           OR second_days NOT BETWEEN $second_min_days AND $second_max_days
           OR (materials_days IS NOT NULL AND second_days IS NULL AND days_since_materials > $second_max_days)
         THEN 'off_plan'
         WHEN second_days IS NOT NULL THEN 'on_plan'
         ELSE 'on_plan_so_far' END AS follow_up
  FROM steps
),
final AS (
  SELECT p.opportunity_id, p.outcome,
    CASE p.outcome WHEN 'won' THEN 1 WHEN 'lost' THEN 0 END::DOUBLE AS is_won,
    epoch(p.closed_at)::DOUBLE AS label_epoch,
    p.landmark_days, p.as_of, p.owner_rep_id, p.account_id,
    coalesce(p.amount_at, p.amount)::DOUBLE AS amount,
    p.source, p.industry, p.province, p.size_band, p.credit_rating,
    coalesce(p.stage_at, CASE WHEN p.outcome = 'open' THEN p.current_stage END) AS stage,
    p.follow_up, p.competitor,
    date_diff('second', p.created_at, p.as_of) / 86400.0 AS age_days,
    coalesce(p.n_touches, 0)::DOUBLE AS activity_count,
    date_diff('second', coalesce(p.last_touch_at, p.created_at), p.as_of) / 86400.0 AS days_since_touch,
    coalesce(r.n_closed, 0)::DOUBLE AS rep_closed_before,
    coalesce(r.n_won, 0)::DOUBLE AS rep_won_before,
    coalesce(sr.n_closed, 0)::DOUBLE AS rep_segment_closed_before,
    coalesce(sr.n_won, 0)::DOUBLE AS rep_segment_won_before,
    coalesce(p.first_won_at < p.as_of, false)::DOUBLE AS is_returning_customer
  FROM plan_status p
  LEFT JOIN rep_months r ON r.owner_rep_id = p.owner_rep_id AND r.month = p.as_of_month
  LEFT JOIN rep_segment_months sr
    ON sr.owner_rep_id = p.owner_rep_id AND sr.industry = p.industry AND sr.month = p.as_of_month
)
SELECT * FROM final`;
}
