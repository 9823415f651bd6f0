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
 * In Chinese, amounts of 1万 and more are counted in 万 and 亿 (¥123.46万), as Chinese readers count;
 * `moneyExact` keeps every digit.
 *
 * @param {string} locale
 * @param {string | null} [currency]
 */
export function formatters(locale, currency = null) {
  const number = (options) => {
    const format = new Intl.NumberFormat(locale, options);
    return (x) => (isMissing(x) ? DASH : format.format(x));
  };
  const zh = locale.startsWith("zh");
  const moneyOptions = currency ? {style: "currency", currency} : {};
  const moneyExact = number({...moneyOptions, maximumFractionDigits: 0});
  // minimumFractionDigits 0: a currency's own two decimals would print ¥1.0万
  const compact = (digits) =>
    number({...moneyOptions, notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: digits});
  const wan = compact(2);
  const percent = number({style: "percent", maximumFractionDigits: 1});
  const moneyCompact = compact(1);
  // in Chinese, 1万 and more read in 万 and 亿 with two decimals
  const zhMoney = (x) => (isMissing(x) || Math.abs(x) < 1e4 ? moneyExact(x) : wan(x));
  // money carries its compact and exact forms: tables show the compact one, the exact one on hover (dataTable)
  const money = Object.assign((x) => (zh ? zhMoney(x) : moneyExact(x)), {
    compact: zh ? zhMoney : moneyCompact,
    exact: moneyExact
  });
  const points = number({maximumFractionDigits: 1, signDisplay: "exceptZero"});
  const dayFormat = new Intl.DateTimeFormat(locale, {year: "numeric", month: "short", day: "numeric", timeZone: "UTC"});
  const monthFormat = new Intl.DateTimeFormat(locale, {year: "numeric", month: "short", timeZone: "UTC"});
  const monthOnly = new Intl.DateTimeFormat(locale, {month: "short", timeZone: "UTC"});
  const month = (iso) => (iso ? monthFormat.format(asDate(iso)) : DASH);
  return {
    count: number({maximumFractionDigits: 0}),
    number: number({maximumFractionDigits: 2}),
    decimal: (digits) => number({minimumFractionDigits: digits, maximumFractionDigits: digits}),
    money,
    moneyExact,
    moneyCompact,
    /** a tile's amount: compact, the exact figure on hover (kpiTile({label, ...fmt.moneyTile(x)})) */
    moneyTile: (x) => ({value: moneyCompact(x), title: moneyExact(x)}),
    percent,
    /** a change of a rate in percentage points: 0.034 → "+3.4" */
    points: (x) => (isMissing(x) ? DASH : points(x * 100)),
    signedPercent: number({style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero"}),
    day: (iso) => (iso ? dayFormat.format(asDate(iso)) : DASH),
    month,
    /**
     * A month on a chart's axis (Plot's tickFormat, called with the tick, its index and all ticks): the
     * month alone, with its year on the first tick and where the year changes (2026年3月, 4月; Mar 2026, Apr).
     * A tick inside a month (a short axis ticked by day) shows its day.
     */
    monthTick: (value, i = 0, ticks = []) => {
      const date = value instanceof Date ? value : asDate(String(value).length === 7 ? `${value}-01` : String(value));
      if (date.getUTCDate() !== 1) return dayFormat.format(date);
      const previous = i > 0 ? ticks[i - 1] : null;
      const previousYear = previous === null || previous === undefined ? null : tickYear(previous);
      return previousYear === date.getUTCFullYear() ? monthOnly.format(date) : monthFormat.format(date);
    },
    /** the quarter holding a day or month (2026-08-01, 2026-08): 2026 Q3, 2026年第3季度 */
    quarter: (iso) => {
      if (!iso) return DASH;
      const year = iso.slice(0, 4);
      const quarter = Math.ceil(Number(iso.slice(5, 7)) / 3);
      return zh ? `${year}年第${quarter}季度` : `${year} Q${quarter}`;
    },
    /** a duration in whole days: 12.37 → 12 */
    days: number({maximumFractionDigits: 0})
  };
}

function isMissing(x) {
  return x === null || x === undefined || Number.isNaN(x);
}

function asDate(iso) {
  return new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
}

function tickYear(tick) {
  return tick instanceof Date ? tick.getUTCFullYear() : Number(String(tick).slice(0, 4));
}
