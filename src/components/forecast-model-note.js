/**
 * Which model the forecast shows and why, in the site's language, from the slice's `model` (the choice is
 * made on backtest WAPE: the regression is shown only when it does at least as well as seasonal naive).
 */
export function forecastModelNote(model, t, fmt) {
  const form =
    model.regression_form === null
      ? ""
      : model.has_month_terms
        ? t(`forecast.form.${model.regression_form}`)
        : t("forecast.form.trend");
  const pct = (value) => (value === null ? "—" : fmt.percent(value / 100));
  return t(`forecast.why.${model.reason}`, {
    form,
    months: model.count_history_months,
    regression: pct(model.regression_wape_pct),
    seasonal: pct(model.seasonal_naive_wape_pct)
  });
}
