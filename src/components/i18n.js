/**
 * Messages per language. A page merges the common dictionary with its own; each dictionary is
 * {en: {key: text}, "zh-CN": {key: text}} and both languages must hold the same keys (tested).
 * Texts may hold {name} placeholders.
 */
export function translator(locale, ...dictionaries) {
  const messages = Object.assign({}, ...dictionaries.map((d) => d[locale] ?? d.en));
  const fallback = Object.assign({}, ...dictionaries.map((d) => d.en));
  return function t(key, values = {}) {
    const text = messages[key] ?? fallback[key];
    if (text === undefined) throw new Error(`no message ${key}`);
    return text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
  };
}

const DASH = "—";

/**
 * Number, money, percentage and date formats for a language; amounts in `currency` (ISO 4217), the reporting
 * currency every amount is converted into. Missing values (null, undefined, NaN) show as an em dash.
 *
 * @param {string} locale
 * @param {string | null} [currency]
 */
export function formatters(locale, currency = null) {
  const number = (options) => {
    const format = new Intl.NumberFormat(locale, options);
    return (x) => (x === null || x === undefined || Number.isNaN(x) ? DASH : format.format(x));
  };
  const moneyOptions = currency ? {style: "currency", currency} : {};
  const percent = number({style: "percent", maximumFractionDigits: 1});
  const points = number({maximumFractionDigits: 1, signDisplay: "exceptZero"});
  const dayFormat = new Intl.DateTimeFormat(locale, {year: "numeric", month: "short", day: "numeric", timeZone: "UTC"});
  const monthFormat = new Intl.DateTimeFormat(locale, {year: "numeric", month: "short", timeZone: "UTC"});
  const asDate = (iso) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return {
    count: number({maximumFractionDigits: 0}),
    number: number({maximumFractionDigits: 2}),
    decimal: (digits) => number({minimumFractionDigits: digits, maximumFractionDigits: digits}),
    money: number({...moneyOptions, maximumFractionDigits: 0}),
    moneyCompact: number({...moneyOptions, notation: "compact", maximumFractionDigits: 1}),
    percent,
    /** a change of a rate in percentage points: 0.034 → "+3.4" */
    points: (x) => (x === null || x === undefined || Number.isNaN(x) ? DASH : points(x * 100)),
    signedPercent: number({style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero"}),
    day: (iso) => (iso ? dayFormat.format(asDate(iso)) : DASH),
    month: (iso) => (iso ? monthFormat.format(asDate(iso)) : DASH),
    days: number({maximumFractionDigits: 1})
  };
}
