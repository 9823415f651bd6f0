import {readFileSync} from "node:fs";
import {join} from "node:path";
import {parse} from "csv-parse/sync";
import type {Browser, Page} from "playwright-core";
import {expect, it} from "vitest";
import type {SiteMeta} from "../../site/read-site-meta.ts";
import type {SiteLocale} from "../../site/site-locale.ts";
import {formatters, translator} from "../../src/components/i18n.js";
import {common} from "../../src/locales/common.js";
import {forecastQuarterText} from "../../src/locales/forecast-quarter.js";
import {channelsText} from "../../src/locales/channels.js";
import {opportunitiesText} from "../../src/locales/opportunities.js";
import {overviewText} from "../../src/locales/overview.js";
import {pipelineText} from "../../src/locales/pipeline.js";
import type {BuiltSite} from "./e2e-sites.ts";
import {headlineNumbers, readLoaderOutput} from "./pipeline-numbers.ts";
import {quarterNumbers} from "./quarter-numbers.ts";
import {dealNumbers} from "./deal-numbers.ts";
import {visitPage, waitForRender} from "./visit-page.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {pageUrl, PHONE, SCREENSHOTS} from "./visit-site.ts";

const TIMEOUT = 5 * 60_000;
const WIDTHS = [1440, PHONE];

/** The figure of an amount as the site prints it exactly ("CN¥23,345,398", "-¥1,234"). */
const amountOf = (text: string | null) => Number((text ?? "").replace(/[^\d.\-−]/g, "").replace("−", "-"));

/** Texts and exact amounts of the headline tiles of a page. */
async function tiles(page: Page) {
  return page.locator(".kpi").evaluateAll((kpis) =>
    kpis.map((kpi) => ({
      href: kpi.getAttribute("href"),
      label: kpi.querySelector("h2")?.textContent ?? "",
      value: kpi.querySelector(".big")?.textContent ?? "",
      title: kpi.querySelector(".big")?.getAttribute("title") ?? null
    }))
  );
}

/** The cells of one column of the tables on a page, by its header's text. */
export async function column(page: Page, header: string) {
  return page.locator("table").evaluateAll(
    (tables, wanted) =>
      tables.flatMap((table) => {
        const index = [...table.querySelectorAll("thead th")].findIndex((th) => th.textContent?.trim() === wanted);
        if (index < 0) return [];
        return [...table.querySelectorAll("tbody tr")].map((tr) => {
          const cell = tr.children[index];
          return {
            text: cell?.textContent?.trim() ?? "",
            title: cell?.querySelector("[title]")?.getAttribute("title") ?? null
          };
        });
      }),
    header
  );
}

/** The browser tests of the pages an executive acts on, for one language's site. */
export function executivePageTests(
  locale: SiteLocale,
  site: () => BuiltSite,
  warehouse: () => string,
  chromium: () => Browser
) {
  const meta = () => readLoaderOutput<SiteMeta>(site().dist, "site");
  const fmt = () => formatters(locale, meta().currency);
  const today = () => meta().exportedAt!.slice(0, 10);

  it(
    "shows one quota coverage: the overview's this quarter as SQL computes it, the same on the pipeline page it links to, and none for a closed period",
    async () => {
      const expected = await quarterNumbers(warehouse(), today());
      const ratio = fmt().decimal(1)(expected.coverage_ratio);
      const t = translator(locale, common, pipelineText);
      for (const width of WIDTHS) {
        let overview = "";
        let pipeline = "";
        let landed = "";
        await visitPage(chromium(), pageUrl(site(), "index"), {
          width,
          screenshot: join(SCREENSHOTS, locale, `coverage-index-${width}.png`),
          act: async (page) => {
            const tile = page.locator('a.kpi[href*="pipeline.html"][href$="#coverage"]');
            overview = await tile.locator(".big").innerText();
            await Promise.all([page.waitForURL(/pipeline\.html\?.*period=qtd.*#coverage$/), tile.click()]);
            await waitForRender(page);
            landed = page.url();
            pipeline = await page.locator('a.kpi[href="#coverage"] .big').innerText();
            await page.screenshot({path: join(SCREENSHOTS, locale, `coverage-pipeline-${width}.png`), fullPage: true});
          }
        });
        expect(landed).toContain("#coverage");
        expect(overview).toContain(ratio);
        expect(pipeline).toBe(overview);
      }
      const closed = await visitPage(chromium(), `${pageUrl(site(), "pipeline")}?period=ly`, {
        screenshot: join(SCREENSHOTS, locale, "coverage-closed-1440.png"),
        width: 1440
      });
      expect(closed.text).toContain(t("pipeline.coverage.closedValue"));
      expect(closed.text).toContain(t("pipeline.coverage.closed"));
    },
    TIMEOUT
  );

  it(
    "leads the forecast page with the overview's quarter forecast against the quota as SQL sums it, the gap, and the quarter by forecast category",
    async () => {
      const expected = await quarterNumbers(warehouse(), today());
      const f = fmt();
      let overviewForecast = "";
      await visitPage(chromium(), pageUrl(site(), "index"), {
        act: async (page) => {
          overviewForecast = await page.locator('a.kpi[href*="forecast.html"] .big').first().innerText();
        }
      });
      for (const width of WIDTHS) {
        let shown: Awaited<ReturnType<typeof tiles>> = [];
        let amounts: {text: string; title: string | null}[] = [];
        const t = translator(locale, common, forecastQuarterText);
        const visit = await visitPage(chromium(), pageUrl(site(), "forecast"), {
          width,
          screenshot: join(SCREENSHOTS, locale, `forecast-quarter-${width}.png`),
          act: async (page) => {
            shown = await tiles(page);
            amounts = await column(page, t("quarter.col.amount"));
          }
        });
        expect([...visit.errors, ...visit.cellErrors]).toEqual([]);
        expect(visit.scrollWidth).toBeLessThanOrEqual(width);
        const [forecast, quota, gap] = shown;
        expect(forecast.value).toBe(overviewForecast);
        expect(quota.title).toBe(f.moneyExact(expected.quota));
        expect(amountOf(gap.title)).toBe(amountOf(forecast.title) - Math.round(expected.quota));
        // won so far, then commit, best case, pipeline and omitted: together the open pipeline due in the quarter
        expect(amounts).toHaveLength(5);
        expect(amounts[0].title).toBe(f.moneyExact(expected.won_amount));
        const open = amounts.slice(1).reduce((sum, cell) => sum + amountOf(cell.title), 0);
        expect(Math.abs(open - expected.open_due_amount)).toBeLessThanOrEqual(2);
      }
    },
    TIMEOUT
  );

  it(
    "shows the overview's won revenue compact with the exact figure on hover, as the channel-quality pipeline computes it",
    async () => {
      const period = meta().periods.find((p) => p.id === meta().defaultPeriod)!;
      const expected = await headlineNumbers(warehouse(), period);
      let shown: Awaited<ReturnType<typeof tiles>> = [];
      await visitPage(chromium(), pageUrl(site(), "index"), {act: async (page) => void (shown = await tiles(page))});
      expect(shown[0]).toMatchObject({
        value: fmt().moneyCompact(expected.won_revenue),
        title: fmt().moneyExact(expected.won_revenue)
      });
    },
    TIMEOUT
  );

  it(
    "shows the period's average deal size and sales cycle on the overview as SQL computes them, at 1440 and 390 px",
    async () => {
      const period = meta().periods.find((p) => p.id === meta().defaultPeriod)!;
      const expected = await dealNumbers(warehouse(), period);
      const t = translator(locale, common, overviewText);
      for (const width of WIDTHS) {
        let shown: Awaited<ReturnType<typeof tiles>> = [];
        const visit = await visitPage(chromium(), pageUrl(site(), "index"), {
          width,
          screenshot: join(SCREENSHOTS, locale, `overview-tiles-${width}.png`),
          act: async (page) => void (shown = await tiles(page))
        });
        expect(visit.scrollWidth).toBeLessThanOrEqual(width);
        expect(shown.find((tile) => tile.label === t("overview.kpi.avgDeal"))).toMatchObject({
          value: fmt().moneyCompact(expected.avg_won_amount),
          title: fmt().moneyExact(expected.avg_won_amount)
        });
        const cycle = shown.find((tile) => tile.label === t("overview.kpi.cycle"))!;
        expect(cycle.value).toBe(
          t("overview.kpi.cycle.value", {days: fmt().days(Math.round(expected.avg_cycle_days * 10) / 10)})
        );
        expect(cycle.href).toMatch(/pipeline\.html.*#velocity$/);
      }
    },
    TIMEOUT
  );

  it(
    "shows ROI as a signed percentage on the channels and opportunities pages, and table amounts compact with the exact figure on hover",
    async () => {
      // a signed percentage, after the ▲/▼ that marks a gain or a loss without colour
      const percent = /^(?:[▲▼] )?[+\-−]?[\d,.]+\s?%$/;
      const roi: string[] = [];
      let amounts: {text: string; title: string | null}[] = [];
      for (const [page, header] of [
        ["channels", translator(locale, common, channelsText)("channels.col.roi")],
        ["opportunities", translator(locale, common, opportunitiesText)("opportunities.col.roi")]
      ]) {
        await visitPage(chromium(), `${pageUrl(site(), page)}?period=l12m`, {
          act: async (p) => {
            roi.push(...(await column(p, header)).map((cell) => cell.text).filter((text) => text !== "—"));
            if (page === "channels")
              amounts = await column(p, translator(locale, common, channelsText)("channels.col.wonRevenue"));
          }
        });
      }
      expect(roi.length).toBeGreaterThan(1);
      expect(roi.filter((text) => !percent.test(text))).toEqual([]);
      expect(amounts.length).toBeGreaterThan(1);
      for (const cell of amounts) expect(cell.text).toBe(fmt().money.compact(amountOf(cell.title)));
    },
    TIMEOUT
  );

  it(
    "shows on the pipeline page what changed between the two latest exports of opportunities, a bar per change and labels that do not overlap, at 1440 and 390 px",
    async () => {
      const [from, to] = await latestSnapshotDays(warehouse());
      const t = translator(locale, common, pipelineText);
      for (const width of WIDTHS) {
        let chart = {bars: 0, overlaps: 0};
        const visit = await visitPage(chromium(), pageUrl(site(), "pipeline"), {
          width,
          screenshot: join(SCREENSHOTS, locale, `pipeline-changes-${width}.png`),
          act: async (page) => {
            chart = await page.locator("figure.chart").evaluateAll((figures, title) => {
              const figure = figures.find((f) => f.querySelector("h3")?.textContent === title);
              const labels = [...(figure?.querySelectorAll('g[aria-label="x-axis tick label"] text') ?? [])];
              const boxes = labels.map((text) => text.getBoundingClientRect());
              const transforms = labels.map((text) => text.getAttribute("transform") ?? "");
              // slanted labels are parallel lines: they collide only when their anchors are closer than about two font heights
              const slanted = transforms.some((transform) => transform.includes("rotate"));
              const anchors = transforms.map((transform) => Number(/translate\(([-\d.]+)/.exec(transform)?.[1]));
              const overlaps = boxes.filter((box, i) =>
                i === 0 ? false : slanted ? anchors[i] - anchors[i - 1] < 20 : box.left < boxes[i - 1].right - 1
              ).length;
              const bars = [...(figure?.querySelectorAll('g[aria-label="bar"] rect') ?? [])].filter(
                (rect) => Number(rect.getAttribute("height")) > 0
              ).length;
              return {bars, overlaps};
            }, t("pipeline.changes.chart"));
          }
        });
        expect([...visit.errors, ...visit.cellErrors]).toEqual([]);
        expect(visit.text).toContain(t("pipeline.changes.between", {from: fmt().day(from), to: fmt().day(to)}));
        // start and end, and at least three kinds of change between the sample's exports
        expect(chart.bars).toBeGreaterThanOrEqual(5);
        expect(chart.overlaps).toBe(0);
      }
    },
    TIMEOUT
  );

  it(
    "downloads a table's amounts exact, as its cells show them on hover, not as the compact figures the cells print",
    async () => {
      const header = translator(locale, common, channelsText)("channels.col.wonRevenue");
      let shown: {text: string; title: string | null}[] = [];
      let csv = "";
      await visitPage(chromium(), `${pageUrl(site(), "channels")}?period=l12m`, {
        act: async (page) => {
          // the channels' table, the first with the column; its wrapper holds the table and its download button
          const table = page
            .locator("table")
            .filter({has: page.locator("thead th", {hasText: header})})
            .first();
          shown = await table.evaluate((element, wanted) => {
            const index = [...element.querySelectorAll("thead th")].findIndex(
              (th) => th.textContent?.trim() === wanted
            );
            return [...element.querySelectorAll("tbody tr")].map((tr) => ({
              text: tr.children[index]?.textContent?.trim() ?? "",
              title: tr.children[index]?.querySelector("[title]")?.getAttribute("title") ?? null
            }));
          }, header);
          const button = table.locator("xpath=ancestor::*[button[contains(@class, 'download')]][1]/button");
          const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
          csv = readFileSync((await download.path())!, "utf8");
        }
      });
      const [labels, ...rows] = parse(csv.replace(/^\ufeff/, "")) as string[][];
      const downloaded = rows.map((row) => Number(row[labels.indexOf(header)]));
      expect(shown.length).toBeGreaterThan(1);
      expect(downloaded.map((value) => Math.round(value)).sort((a, b) => a - b)).toEqual(
        shown.map((cell) => amountOf(cell.title)).sort((a, b) => a - b)
      );
      // the compact figure loses digits the file keeps
      expect(shown.some((cell) => amountOf(cell.text) !== amountOf(cell.title))).toBe(true);
    },
    TIMEOUT
  );
}

/** The days of the two latest exports that carried opportunities, by SQL on their snapshots. */
async function latestSnapshotDays(path: string): Promise<string[]> {
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const rows = await readRows<{day: string}>(
      warehouse.connection,
      `SELECT strftime(exported_at, '%Y-%m-%d') AS day FROM (SELECT DISTINCT ingest_id, exported_at FROM opportunity_snapshots)
       ORDER BY exported_at DESC LIMIT 2`
    );
    return rows.map((row) => row.day).reverse();
  } finally {
    warehouse.close();
  }
}
