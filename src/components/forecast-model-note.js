/**
 * Which model the forecast shows and why, in the site's language, from the slice's `model`: the procedure
 * (per horizon, seasonal naive unless another model forecast the history's own past at least 10 % better) with its nested backtest beside seasonal
 * naive's, or an untested fallback on a short history.
 */
export function forecastModelNote(model, t, fmt) {
  const pct = (value) => (value === null ? "—" : fmt.percent(value / 100));
  const name = (m) => t(`forecast.modelShort.${m}`);
  return t(`forecast.why.${model.reason}`, {
    models: model.horizon_models.map((m, i) => t("forecast.why.horizon", {months: i + 1, model: name(m)})).join(", "),
    model: model.shown ? name(model.shown) : "—",
    months: model.count_history_months,
    wape: pct(model.as_shown_wape_pct),
    seasonal: pct(model.seasonal_naive_wape_pct),
    mase: model.as_shown_mase === null ? "—" : fmt.decimal(2)(model.as_shown_mase),
    verdict:
      model.as_shown_mase === null
        ? ""
        : t(model.as_shown_mase < 1 ? "forecast.mase.beats" : "forecast.mase.doesNotBeat")
  });
}
