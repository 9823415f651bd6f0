/** Forecast error measures over a set of forecasts set against what happened. */
export interface AccuracyMetrics {
  /** forecasts scored (those the model could make) */
  count_forecasts: number;
  /** mean absolute percentage error, 100 × mean |f − a| / |a|, over months with a ≠ 0; null if none */
  mape_pct: number | null;
  /** months left out of MAPE because nothing was won (a = 0: the percentage error is undefined) */
  count_mape_excluded: number;
  /** weighted absolute percentage error, 100 × Σ|f − a| / Σ|a|; null when Σ|a| = 0 */
  wape_pct: number | null;
  /** mean absolute scaled error, mean |f − a| / scale (scale: the training window's naive error); < 1 beats it */
  mase: number | null;
  /** 100 × Σ(f − a) / Σ|a|: positive when the model over-forecasts */
  bias_pct: number | null;
  /** mean (f − a), in the currency */
  mean_error: number | null;
}

/**
 * Scores forecasts against actuals with the four measures a forecast page shows beside its numbers:
 *
 * - MAPE = 100 × mean(|f − a| / |a|) — each month counts alike, so a small month weighs as much as December,
 *   and a month with nothing won (a = 0) cannot be scored (left out and counted);
 * - WAPE = 100 × Σ|f − a| / Σ|a| — the error as a share of the revenue, so big months weigh more; defined
 *   whenever something was won at all (the measure the forecast model is chosen by);
 * - MASE = mean(|f − a| / scale) — errors in units of a naive forecast's in-sample error (Hyndman & Koehler
 *   2006, https://doi.org/10.1016/j.ijforecast.2006.03.001); below 1 the model beats that naive method;
 * - bias = 100 × Σ(f − a) / Σ|a| — the signed error: a forecast that is always high shows it here.
 *
 * Input: forecasts (null ones are skipped: the model could not forecast) with their actuals and scales.
 * Output: the measures, each null when undefined.
 *
 * @example
 * accuracyMetrics([{forecast: 110, actual: 100, scale: 20}, {forecast: 40, actual: 50, scale: 20}]);
 * // {count_forecasts: 2, mape_pct: 15, wape_pct: 13.33, mase: 0.5, bias_pct: 0, mean_error: 0, …}
 */
export function accuracyMetrics(
  records: readonly {forecast: number | null; actual: number; scale: number | null}[]
): AccuracyMetrics {
  const scored = records.filter(
    (r): r is {forecast: number; actual: number; scale: number | null} => r.forecast !== null
  );
  const absolute = scored.map((r) => Math.abs(r.forecast - r.actual));
  const sumActual = scored.reduce((sum, r) => sum + Math.abs(r.actual), 0);
  const sumError = scored.reduce((sum, r) => sum + (r.forecast - r.actual), 0);
  const withActual = scored.filter((r) => r.actual !== 0);
  const scaled = scored.filter((r) => r.scale !== null && r.scale > 0);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((sum, x) => sum + x, 0) / xs.length : null);
  return {
    count_forecasts: scored.length,
    mape_pct: withActual.length
      ? 100 * mean(withActual.map((r) => Math.abs(r.forecast - r.actual) / Math.abs(r.actual)))!
      : null,
    count_mape_excluded: scored.length - withActual.length,
    wape_pct: sumActual > 0 ? (100 * absolute.reduce((sum, e) => sum + e, 0)) / sumActual : null,
    mase: mean(scaled.map((r) => Math.abs(r.forecast - r.actual) / r.scale!)),
    bias_pct: sumActual > 0 ? (100 * sumError) / sumActual : null,
    mean_error: scored.length ? sumError / scored.length : null
  };
}
