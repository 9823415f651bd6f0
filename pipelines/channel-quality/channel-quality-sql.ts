import {leadConvertedSql} from "../lib/lead-converted.ts";
import {OPPORTUNITY_SCOPE} from "../lib/opportunity-scope.ts";
import {byOpportunityChoiceSql, choiceColumn, EACH_CHOICE, type ChoiceScope} from "../lib/slice-grid.ts";
import {bucketSql, type BucketInterval} from "./bucket.ts";
import {duplicateMatchesSql} from "./duplicate-matches-sql.ts";
import {REPORTING_SPEND} from "../lib/reporting-amounts.ts";

/** Which columns identify a row: the source alone, or the source and its campaign. */
export type ChannelLevel = "source" | "campaign";

/**
 * The channel-quality query — grain: one row per bucket × source (× campaign) with any lead,
 * opportunity created, opportunity closed or spend in it. Raw counts and sums only; rates, intervals
 * and ratios are shaped in TypeScript. Binds $start, $end, $window_days (unless `flagged`), $leads_apply,
 * $duplicates_apply, $spend_applies, $channel and the filter parameters; `filter` is a condition over
 * `opportunity_rows` / `lead_rows` columns (alias `x`) from filterCondition. Scoped to EACH_CHOICE (`filter`
 * "true", $channel null), its rows carry choice_index and it runs after sliceGridSql's CTEs: a lead counts in
 * the choices its source, owner and owner's team and region pass (none of a product), spend in "all" and its
 * channel's, and a won deal without a margin is given the average of its choice's won deals.
 */
export function channelQualitySql(
  interval: BucketInterval,
  level: ChannelLevel,
  filter: string,
  {flagged = false, scope}: {flagged?: boolean; scope?: ChoiceScope} = {}
): string {
  const each = scope === EACH_CHOICE;
  const choice = choiceColumn(scope);
  const campaign = (alias: string) => (level === "campaign" ? `${alias}.campaign` : "NULL::VARCHAR");
  // flagged: the duplicates were matched once for all periods, with the default window (withDuplicateLeadFlags)
  const duplicates = flagged
    ? `duplicate_leads AS (
  SELECT lead_id FROM duplicate_lead_flags
  WHERE $duplicates_apply AND created_at >= $start::TIMESTAMP AND created_at < $end::TIMESTAMP
)`
    : `${duplicateMatchesSql({when: "$duplicates_apply"})},
duplicate_leads AS (
  -- the period's leads only: earlier ones were read as originals
  SELECT lead_id FROM duplicate_matches WHERE created_at >= $start::TIMESTAMP
)`;
  return `
WITH ${duplicates},
lead_rows AS (
  SELECT le.lead_id, le.created_at, le.source, ${campaign("le")} AS campaign, le.owner_rep_id,
    r.team, r.region, NULL::VARCHAR AS product,
    -- converted as the lead says, or as an opportunity that names the lead says
    ${leadConvertedSql("le")} AS is_converted,
    le.lead_id IN (SELECT lead_id FROM duplicate_leads) AS is_duplicate
  FROM leads le LEFT JOIN reps r ON r.rep_id = le.owner_rep_id
  -- leads carry no product: under a product filter the lead columns are not computed
  WHERE $leads_apply AND le.created_at >= $start::TIMESTAMP AND le.created_at < $end::TIMESTAMP
),${
    each
      ? `
lead_choices AS (
  SELECT sc.choice_index, l.* EXCLUDE (choice_key) FROM (
    SELECT *, unnest(['all', 'team=' || team, 'region=' || region, 'channel=' || source, 'rep=' || owner_rep_id])
      AS choice_key
    FROM lead_rows
  ) l JOIN slice_choices sc ON sc.choice_key = l.choice_key
),`
      : ""
  }
lead_counts AS (
  SELECT ${choiceColumn(scope, "x")}${bucketSql(interval, "x.created_at")} AS bucket_start, x.source, x.campaign,
    count(*) AS count_leads,
    count(*) FILTER (WHERE x.is_converted) AS count_converted_leads,
    count(*) FILTER (WHERE x.is_duplicate) AS count_duplicate_leads
  FROM ${each ? "lead_choices" : "lead_rows"} x
  WHERE ${filter}
  GROUP BY ALL
),
opportunity_rows AS (
  SELECT x.* REPLACE (${campaign("x")} AS campaign) FROM ${each ? byOpportunityChoiceSql(OPPORTUNITY_SCOPE) : OPPORTUNITY_SCOPE} x
  WHERE ${filter}
),
created AS (
  SELECT ${choice}${bucketSql(interval, "created_at")} AS bucket_start, source, campaign, count(*) AS count_opportunities
  FROM opportunity_rows
  WHERE created_at >= $start::TIMESTAMP AND created_at < $end::TIMESTAMP
  GROUP BY ALL
),
closed_rows AS (
  -- win rate is a snapshot rate: deals won or lost in the period, by close date
  SELECT * FROM opportunity_rows
  WHERE outcome IN ('won', 'lost') AND closed_at >= $start::TIMESTAMP AND closed_at < $end::TIMESTAMP
),
margin_fill AS (
  -- a won deal without an expected margin is given the average margin of the period's won deals
  SELECT ${choice}avg(expected_margin) AS average_margin FROM closed_rows WHERE outcome = 'won'${each ? " GROUP BY ALL" : ""}
),
closed AS (
  SELECT ${choice}${bucketSql(interval, "closed_at")} AS bucket_start, source, campaign,
    count(*) FILTER (WHERE outcome = 'won') AS count_won,
    count(*) FILTER (WHERE outcome = 'lost') AS count_lost,
    coalesce(sum(amount) FILTER (WHERE outcome = 'won'), 0) AS won_revenue,
    -- won, but exported without a readable amount: in the win rate, not in revenue or the average deal
    count(*) FILTER (WHERE outcome = 'won' AND amount IS NULL) AS count_won_without_amount,
    sum(amount * coalesce(expected_margin, ${each ? "average_margin" : "(SELECT average_margin FROM margin_fill)"}))
      FILTER (WHERE outcome = 'won')
      AS won_gross_margin,
    count(*) FILTER (WHERE outcome = 'won' AND expected_margin IS NULL) AS count_margin_imputed,
    median(cycle_days) FILTER (WHERE outcome = 'won') AS median_cycle_days
  FROM closed_rows${each ? " LEFT JOIN margin_fill USING (choice_index)" : ""}
  GROUP BY ALL
),
spend AS (
  -- spend is per channel and month: it exists for source rows only, and only when no filter other
  -- than the channel narrows the deals (a team's deals did not consume the whole channel budget);
  -- a month cut by the period counts with the share of its days inside the period
  SELECT ${each ? "sc.choice_index, " : ""}${bucketSql(interval, "month")} AS bucket_start, channel AS source,
    NULL::VARCHAR AS campaign,
    -- each month's share rounded to cents, so that sums stay exact decimals
    sum((cost * date_diff('day', greatest(month, $start::DATE), least(month_end, $end::DATE))
      / date_diff('day', month, month_end))::DECIMAL(18, 2)) AS cost
  FROM (SELECT channel, cost, date_trunc('month', month)::DATE AS month,
          (date_trunc('month', month) + INTERVAL 1 MONTH)::DATE AS month_end FROM ${REPORTING_SPEND})${
            each ? "\n  JOIN slice_choices sc ON sc.choice_key IN ('all', 'channel=' || channel)" : ""
          }
  WHERE $spend_applies AND month < $end::DATE AND month_end > $start::DATE
    AND ($channel::VARCHAR IS NULL OR channel = $channel::VARCHAR)
  GROUP BY ALL
),
parts AS (
  SELECT * FROM lead_counts
  UNION ALL BY NAME SELECT * FROM created
  UNION ALL BY NAME SELECT * FROM closed
  UNION ALL BY NAME SELECT * FROM spend
),
final AS (
  SELECT ${choice}bucket_start, source, campaign,
    sum(count_leads)::INTEGER AS count_leads,
    sum(count_converted_leads)::INTEGER AS count_converted_leads,
    sum(count_duplicate_leads)::INTEGER AS count_duplicate_leads,
    coalesce(sum(count_opportunities), 0)::INTEGER AS count_opportunities,
    coalesce(sum(count_won), 0)::INTEGER AS count_won,
    coalesce(sum(count_lost), 0)::INTEGER AS count_lost,
    coalesce(sum(won_revenue), 0) AS won_revenue,
    sum(won_gross_margin) AS won_gross_margin,
    coalesce(sum(count_margin_imputed), 0)::INTEGER AS count_margin_imputed,
    coalesce(sum(count_won_without_amount), 0)::INTEGER AS count_won_without_amount,
    max(median_cycle_days) AS median_cycle_days,
    sum(cost) AS cost
  FROM parts
  GROUP BY ALL
)
SELECT * FROM final ORDER BY ${choice}bucket_start, source NULLS LAST, campaign NULLS LAST`;
}
