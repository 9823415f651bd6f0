import {writeLoaderOutput} from "../../site/write-loader-output.ts";
import {readRows} from "../../warehouse/read-rows.ts";

// won deals per month of their close (UTC) and channel (the opportunity's source): one row per month and channel
await writeLoaderOutput((connection) =>
  readRows(
    connection,
    `SELECT strftime(date_trunc('month', closed_at), '%Y-%m-%d') AS month, coalesce(source, 'unknown') AS channel,
       count(*)::INTEGER AS n_won, round(sum(amount))::DOUBLE AS won_amount
     FROM opportunities
     WHERE outcome = 'won' AND closed_at IS NOT NULL
     GROUP BY ALL
     ORDER BY month, channel`
  )
);
