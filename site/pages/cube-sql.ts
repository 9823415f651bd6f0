import {OPPORTUNITY_SCOPE} from "../../pipelines/lib/opportunity-scope.ts";

/** The cube's measures, in the order of its columns; cube-data.ts documents each. */
export const CUBE_MEASURES = [
  "count_opportunities",
  "amount",
  "count_open",
  "open_amount",
  "count_won",
  "count_lost",
  "won_amount",
  "count_won_without_amount",
  "sum_cycle_days",
  "count_won_without_cycle"
] as const;

export type CubeMeasure = (typeof CUBE_MEASURES)[number];

/** A bound list as a table: each value with its position, from 0. */
function positions(list: string, type: string, code = "code", value = "value"): string {
  return `SELECT i::INTEGER AS ${code}, ($${list}::${type}[])[i + 1] AS ${value} FROM range(len($${list}::${type}[])) t(i)`;
}

/** The measures the cube holds in hundredths (cents, hundredths of a day); the others are counts. */
export const CUBE_HUNDREDTHS: readonly CubeMeasure[] = ["amount", "open_amount", "won_amount", "sum_cycle_days"];

/**
 * The cube's cells — grain: one row per bucket × owner × source × product with an opportunity created, or
 * one won or lost, in the bucket; each key as its position in the lists bound to it, every measure an
 * integer (CUBE_HUNDREDTHS in hundredths). Creation measures count in the bucket of `created_at`, close
 * measures in that of `closed_at`, as channelQuality buckets them. Binds $bucket_starts (TIMESTAMP[],
 * contiguous from the month of the first record), $reps, $channels and $products (VARCHAR[], a null among
 * them for opportunities without one) and $owners (INTEGER[]: per rep, the owner code its cells take — its
 * own position, or that of its team and region).
 */
export const CUBE_SQL = `
WITH scope AS (
  SELECT owner_rep_id, source, product, amount, outcome, created_at, closed_at, cycle_days FROM ${OPPORTUNITY_SCOPE}
),
buckets AS (${positions("bucket_starts", "TIMESTAMP", "bucket", "bucket_start")}),
reps AS (
  SELECT ($reps::VARCHAR[])[i + 1] AS value, ($owners::INTEGER[])[i + 1] AS code FROM range(len($reps::VARCHAR[])) t(i)
),
channels AS (${positions("channels", "VARCHAR")}),
products AS (${positions("products", "VARCHAR")}),
created AS (
  SELECT b.bucket, s.owner_rep_id, s.source, s.product,
    count(*) AS count_opportunities,
    -- an amount exported unreadable, or without a rate into the reporting currency, adds nothing
    coalesce(sum(s.amount), 0) AS amount,
    -- still open at the export, counted where it was created
    count(*) FILTER (WHERE s.outcome = 'open') AS count_open,
    coalesce(sum(s.amount) FILTER (WHERE s.outcome = 'open'), 0) AS open_amount
  FROM scope s ASOF JOIN buckets b ON s.created_at >= b.bucket_start
  GROUP BY ALL
),
closed AS (
  -- win rate is a snapshot rate: deals won or lost, in the bucket of their close
  SELECT b.bucket, s.owner_rep_id, s.source, s.product,
    count(*) FILTER (WHERE s.outcome = 'won') AS count_won,
    count(*) FILTER (WHERE s.outcome = 'lost') AS count_lost,
    coalesce(sum(s.amount) FILTER (WHERE s.outcome = 'won'), 0) AS won_amount,
    count(*) FILTER (WHERE s.outcome = 'won' AND s.amount IS NULL) AS count_won_without_amount,
    coalesce(sum(s.cycle_days) FILTER (WHERE s.outcome = 'won'), 0) AS sum_cycle_days,
    -- closed before it was created: no cycle (opportunity scope)
    count(*) FILTER (WHERE s.outcome = 'won' AND s.cycle_days IS NULL) AS count_won_without_cycle
  FROM scope s ASOF JOIN buckets b ON s.closed_at >= b.bucket_start
  WHERE s.outcome IN ('won', 'lost')
  GROUP BY ALL
),
cells AS (
  SELECT * FROM created UNION ALL BY NAME SELECT * FROM closed
),
final AS (
  SELECT c.bucket, r.code AS owner, ch.code AS channel, p.code AS product,
    coalesce(sum(c.count_opportunities), 0)::INTEGER AS count_opportunities,
    round(coalesce(sum(c.amount), 0) * 100)::BIGINT AS amount,
    coalesce(sum(c.count_open), 0)::INTEGER AS count_open,
    round(coalesce(sum(c.open_amount), 0) * 100)::BIGINT AS open_amount,
    coalesce(sum(c.count_won), 0)::INTEGER AS count_won,
    coalesce(sum(c.count_lost), 0)::INTEGER AS count_lost,
    round(coalesce(sum(c.won_amount), 0) * 100)::BIGINT AS won_amount,
    coalesce(sum(c.count_won_without_amount), 0)::INTEGER AS count_won_without_amount,
    -- to about a quarter of an hour per cell: an average cycle is shown to a tenth of a day
    round(coalesce(sum(c.sum_cycle_days), 0) * 100)::BIGINT AS sum_cycle_days,
    coalesce(sum(c.count_won_without_cycle), 0)::INTEGER AS count_won_without_cycle
  FROM cells c
  JOIN reps r ON r.value IS NOT DISTINCT FROM c.owner_rep_id
  JOIN channels ch ON ch.value IS NOT DISTINCT FROM c.source
  JOIN products p ON p.value IS NOT DISTINCT FROM c.product
  GROUP BY ALL
)
SELECT * FROM final ORDER BY bucket, owner, channel, product`;
