import {join} from "node:path";
import type {Browser, Page} from "playwright-core";
import {expect, it} from "vitest";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import type {SiteLocale} from "../../site/site-locale.ts";
import {forecast} from "../../pipelines/forecast.ts";
import {latestExport} from "../../pipelines/lib/latest-export.ts";
import {toDateEnd} from "../../pipelines/lib/to-date-end.ts";
import type {PipelineContext} from "../../pipelines/lib/context.ts";
import {encodeRows, fitEncoder} from "../../pipelines/scoring/encode-features.ts";
import {trainScorer} from "../../pipelines/scoring/train-scorer.ts";
import {formatters, translator} from "../../src/components/i18n.js";
import {common} from "../../src/locales/common.js";
import {forecastText} from "../../src/locales/forecast.js";
import {opportunitiesText} from "../../src/locales/opportunities.js";
import {independentLogisticAuc} from "../pipelines/independent-logistic.ts";
import type {BuiltSite} from "./e2e-sites.ts";
import {column} from "./executive-pages.ts";
import {visitPage} from "./visit-page.ts";
import {pageUrl, PHONE, SCREENSHOTS} from "./visit-site.ts";

const TIMEOUT = 5 * 60_000;
const WIDTHS = [1440, PHONE];

/** The whole history up to the latest export, as the site trains its scorer and forecasts on it. */
async function withHistory<T>(path: string, run: (ctx: PipelineContext) => Promise<T>): Promise<T> {
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const now = (await latestExport(warehouse.connection))!;
    return await run({connection: warehouse.connection, now, period: {start: "1900-01-01", end: toDateEnd(now)}});
  } finally {
    warehouse.close();
  }
}

/** The test AUC of a plain logistic regression of our own, fitted on the scorer's training part and features. */
async function independentTestAuc(path: string): Promise<{auc: number; tested: number}> {
  return withHistory(path, async (ctx) => {
    const {table, split} = await trainScorer(ctx);
    const encoder = fitEncoder(table, split.train);
    const outcomes = (rows: readonly number[]) => Float64Array.from(rows, (i) => table.numbers.is_won[i]);
    const auc = independentLogisticAuc(
      encodeRows(encoder, table, split.train),
      outcomes(split.train),
      encodeRows(encoder, table, split.test),
      outcomes(split.test),
      1
    );
    return {auc, tested: new Set(split.test.map((i) => split.groupOf[i])).size};
  });
}

/** The as-shown forecasts of the nested backtest, summed here: WAPE over every horizon, and how many there were. */
async function asShownBacktest(path: string): Promise<{wape_pct: number; count: number}> {
  return withHistory(path, async (ctx) => {
    const results = await forecast({...ctx, filters: {}});
    const rows = results.backtest_forecasts.rows.filter(
      (r) => r.model === "as_shown" && r.forecast_amount !== null && r.currency === "CNY"
    );
    const error = rows.reduce((sum, r) => sum + Math.abs(r.forecast_amount! - r.actual_amount), 0);
    const actual = rows.reduce((sum, r) => sum + r.actual_amount, 0);
    return {wape_pct: (100 * error) / actual, count: rows.length};
  });
}

/** The dots of the chart titled `title`, counted by fill colour. */
async function dotsByFill(page: Page, title: string): Promise<number[]> {
  return page.locator("figure.chart").evaluateAll((figures, wanted) => {
    const figure = figures.find((f) => f.querySelector("h3")?.textContent === wanted);
    const counts = new Map<string, number>();
    for (const dot of figure?.querySelectorAll("svg circle") ?? []) {
      const fill = dot.getAttribute("fill") ?? dot.closest("g")?.getAttribute("fill") ?? "";
      counts.set(fill, (counts.get(fill) ?? 0) + 1);
    }
    return [...counts.values()];
  }, title);
}

/** The browser tests of the models' measured accuracy, for one language's site. */
export function modelAccuracyTests(
  locale: SiteLocale,
  site: () => BuiltSite,
  warehouse: () => string,
  chromium: () => Browser
) {
  it(
    "shows the scores' test AUC as an independent fit on the same split gets, its 95 % interval, and the reliability plot before and after recalibration, at 1440 and 390 px",
    async () => {
      const expected = await independentTestAuc(warehouse());
      const t = translator(locale, common, opportunitiesText);
      const fmt = formatters(locale, "CNY");
      for (const width of WIDTHS) {
        let tile = {value: "", note: ""};
        let dots: number[] = [];
        const visit = await visitPage(chromium(), pageUrl(site(), "opportunities"), {
          width,
          screenshot: join(SCREENSHOTS, locale, `opportunities-accuracy-${width}.png`),
          act: async (page) => {
            const kpi = page.locator(".kpi", {has: page.getByRole("heading", {name: t("opportunities.kpi.auc")})});
            tile = {
              value: await kpi.locator(".big").innerText(),
              note: await kpi.innerText()
            };
            dots = await dotsByFill(page, t("opportunities.calibration.title"));
          }
        });
        expect([...visit.errors, ...visit.cellErrors]).toEqual([]);
        expect(visit.scrollWidth).toBeLessThanOrEqual(width);
        const shown = Number(tile.value);
        // three decimals shown: the fit may differ by 0.01, the rounding by half a thousandth more
        expect(Math.abs(shown - expected.auc)).toBeLessThanOrEqual(0.0105);
        const [lower, upper] = [...tile.note.matchAll(/0\.\d{3}/g)].map((m) => Number(m[0])).slice(1, 3);
        expect(lower).toBeLessThan(shown);
        expect(upper).toBeGreaterThan(shown);
        expect(tile.note).toContain(fmt.count(expected.tested));
        // before and after recalibration: two colours of dots, several bins each
        expect(dots).toHaveLength(2);
        for (const count of dots) expect(count).toBeGreaterThanOrEqual(2);
        expect(visit.text).toContain(t("opportunities.calibration.before"));
        expect(visit.text).toContain(t("opportunities.calibration.after"));
      }
    },
    TIMEOUT
  );

  it(
    "leads the forecast's backtest with the procedure as shown, its WAPE as its backtest forecasts sum up, and how often its 80 % and 95 % intervals held",
    async () => {
      const expected = await asShownBacktest(warehouse());
      const t = translator(locale, common, forecastText);
      const fmt = formatters(locale, "CNY");
      const pct = (value: number) => fmt.percent(Number(value.toPrecision(4)) / 100);
      for (const width of WIDTHS) {
        let levels: string[] = [];
        let counts: string[] = [];
        const visit = await visitPage(chromium(), pageUrl(site(), "forecast"), {
          width,
          screenshot: join(SCREENSHOTS, locale, `forecast-accuracy-${width}.png`),
          act: async (page) => {
            levels = (await column(page, t("forecast.col.level"))).map((cell) => cell.text);
            // the coverage table comes first; the candidates' backtest table below has a count column too
            counts = (await column(page, t("forecast.col.forecasts"))).slice(0, 2).map((cell) => cell.text);
          }
        });
        expect([...visit.errors, ...visit.cellErrors]).toEqual([]);
        expect(visit.scrollWidth).toBeLessThanOrEqual(width);
        expect(visit.text).toContain(`WAPE ${pct(expected.wape_pct)}`);
        expect(levels).toEqual(["80 %", "95 %"]);
        expect(counts.map((text) => Number(text.replace(/\D/g, "")))).toEqual([expected.count, expected.count]);
      }
    },
    TIMEOUT
  );
}
