import type {Browser, Page} from "playwright-core";
import {expect, it} from "vitest";
import type {SiteMeta} from "../../site/read-site-meta.ts";
import type {SiteLocale} from "../../site/site-locale.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {REPORTING_OPPORTUNITIES} from "../../pipelines/lib/reporting-amounts.ts";
import {displayName} from "../../src/components/display-names.js";
import {formatters, translator} from "../../src/components/i18n.js";
import {common} from "../../src/locales/common.js";
import {funnelText} from "../../src/locales/funnel.js";
import {overviewText} from "../../src/locales/overview.js";
import {repsText} from "../../src/locales/reps.js";
import type {BuiltSite} from "./e2e-sites.ts";
import {readLoaderOutput} from "./pipeline-numbers.ts";
import {columnOf, readTable} from "./read-table.ts";
import {visitPage, waitForRender} from "./visit-page.ts";
import {pageUrl} from "./visit-site.ts";

const TIMEOUT = 5 * 60_000;

/** The warehouse column of each filter dimension: the owner's team and region, the source, the product, the owner. */
const COLUMNS = {team: "r.team", region: "r.region", channel: "o.source", product: "o.product", rep: "o.owner_rep_id"};
export type Dimension = keyof typeof COLUMNS;

/** A value of each dimension chosen together, with deals created, won and lost in the period, and their figures. */
export type Combination = Record<Dimension, string> & {
  created: number;
  won: number;
  lost: number;
  won_amount: number;
  won_with_amount: number;
};

export interface RepFigures {
  rep_id: string;
  won: number;
  lost: number;
  won_amount: number;
}

// created counts by created_at in the period, won and lost by closed_at, amounts in the reporting currency
const FIGURES = `
  count(*) FILTER (WHERE o.created_at >= CAST($start AS TIMESTAMP) AND o.created_at < CAST($end AS TIMESTAMP))::INTEGER AS created,
  count(*) FILTER (WHERE o.outcome = 'won' AND o.closed_at >= CAST($start AS TIMESTAMP) AND o.closed_at < CAST($end AS TIMESTAMP))::INTEGER AS won,
  count(*) FILTER (WHERE o.outcome = 'lost' AND o.closed_at >= CAST($start AS TIMESTAMP) AND o.closed_at < CAST($end AS TIMESTAMP))::INTEGER AS lost,
  coalesce(sum(o.amount) FILTER (WHERE o.outcome = 'won' AND o.closed_at >= CAST($start AS TIMESTAMP) AND o.closed_at < CAST($end AS TIMESTAMP)), 0)::DOUBLE AS won_amount,
  count(o.amount) FILTER (WHERE o.outcome = 'won' AND o.closed_at >= CAST($start AS TIMESTAMP) AND o.closed_at < CAST($end AS TIMESTAMP))::INTEGER AS won_with_amount`;

/**
 * The combination of a value of each of `dimensions` with the most deals created in the period among those with
 * two won and one lost at least, its figures and each rep's.
 */
export async function expectedFigures(
  path: string,
  period: {start: string; end: string},
  dimensions: Dimension[] = ["team", "channel", "product"]
) {
  const columns = dimensions.map((d) => COLUMNS[d]);
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const [combination] = await readRows<Combination>(
      warehouse.connection,
      `SELECT ${dimensions.map((d) => `${COLUMNS[d]} AS ${d}`).join(", ")}, ${FIGURES}
       FROM ${REPORTING_OPPORTUNITIES} o JOIN reps r ON r.rep_id = o.owner_rep_id
       WHERE ${columns.map((c) => `${c} IS NOT NULL`).join(" AND ")}
       GROUP BY ALL HAVING won >= 2 AND lost >= 1
       ORDER BY created DESC, won DESC, ${columns.join(", ")} LIMIT 1`,
      period
    );
    if (!combination) throw new Error(`no ${dimensions.join(", ")} with two won and one lost deal in the period`);
    const reps = await readRows<RepFigures>(
      warehouse.connection,
      `SELECT o.owner_rep_id AS rep_id, ${FIGURES}
       FROM ${REPORTING_OPPORTUNITIES} o JOIN reps r ON r.rep_id = o.owner_rep_id
       WHERE ${dimensions.map((d) => `${COLUMNS[d]} = $${d}`).join(" AND ")}
       GROUP BY ALL HAVING won + lost > 0 ORDER BY rep_id`,
      {...period, ...Object.fromEntries(dimensions.map((d) => [d, combination[d]]))}
    );
    return {combination, reps};
  } finally {
    warehouse.close();
  }
}

/** Chooses one value of a dimension in the filter bar with the keyboard: opens its list, searches, ticks it. */
export async function pickFilterValue(page: Page, dimension: string, value: string): Promise<void> {
  const picker = page.locator(`form.filter-bar .value-picker[data-dimension="${dimension}"]`);
  const summary = picker.locator("summary");
  await summary.focus();
  await page.keyboard.press("Enter");
  const search = picker.locator('input[type="search"]');
  if ((await search.count()) > 0) await search.fill(value);
  const box = picker.locator(`input[type="checkbox"][value=${JSON.stringify(value)}]`);
  await box.focus();
  await page.keyboard.press("Space");
  await summary.focus();
  await page.keyboard.press("Enter");
  await waitForRender(page);
}

/** Each headline tile's label with its figure and the figure's exact amount on hover. */
export function readTiles(page: Page): Promise<Record<string, {value: string; title: string; text: string}>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll("main .kpi")].map((kpi) => [
        kpi.querySelector("h2")?.textContent?.trim() ?? "",
        {
          value: kpi.querySelector(".big")?.textContent?.trim() ?? "",
          title: kpi.querySelector(".big")?.getAttribute("title") ?? "",
          text: kpi.textContent ?? ""
        }
      ])
    )
  );
}

type Translate = ReturnType<typeof translator>;
type Formats = ReturnType<typeof formatters>;

/** The funnel's tiles for a combination: opportunities created, and won of those closed in the period. */
export async function expectFunnel(page: Page, t: Translate, fmt: Formats, c: Combination): Promise<void> {
  const tiles = await readTiles(page);
  expect(tiles[t("funnel.kpi.cohort")].value).toBe(fmt.count(c.created));
  expect(tiles[t("funnel.kpi.snapshotWin")].value).toBe(fmt.percent(c.won / (c.won + c.lost)));
}

/** The reps table's rows with deals closed in the period: each rep's won, lost and won revenue. */
export async function expectReps(
  page: Page,
  t: Translate,
  fmt: Formats,
  reps: RepFigures[],
  people: Record<string, {rep_name: string | null}>
): Promise<void> {
  const table = await readTable(page, ".data-table");
  const names = columnOf(table, t("reps.col.rep")).map((cell) => cell.text);
  const column = (header: string) => columnOf(table, t(header)).map((cell) => cell.text);
  const [won, lost, revenue] = [column("reps.col.won"), column("reps.col.lost"), column("reps.col.wonRevenue")];
  const closed = names
    .map((name, i) => ({name, won: won[i], lost: lost[i], revenue: revenue[i]}))
    .filter((row) => row.won !== fmt.count(0) || row.lost !== fmt.count(0));
  expect(closed.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
    reps
      .map((rep) => ({
        name: people[rep.rep_id]?.rep_name ?? rep.rep_id,
        won: fmt.count(rep.won),
        lost: fmt.count(rep.lost),
        revenue: fmt.money.compact(rep.won_amount)
      }))
      .sort((a, b) => a.name.localeCompare(b.name))
  );
}

/** The values ticked in the filter bar, as "dimension=value". */
export function readChosen(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>(".filter-bar .value-picker input:checked")].map(
      (b) => `${b.name}=${b.value}`
    )
  );
}

/**
 * The browser tests of combined filters: a team, a channel and a product chosen in the filter bar, the overview's,
 * the funnel's and the reps table's numbers against SQL on the warehouse for that combination, the filter kept by a
 * shared link, the sidebar and a link on a page, and a stale value of a link left out with a note.
 */
export function combinedFilterTests(
  locale: SiteLocale,
  site: () => BuiltSite,
  warehouse: () => string,
  chromium: () => Browser
) {
  const t = translator(locale, common, overviewText, funnelText, repsText);

  it(
    "computes the overview, funnel and reps numbers of a team, channel and product chosen together, as SQL does, and keeps them through a shared link, the sidebar and a tile's link",
    async () => {
      const meta = readLoaderOutput<SiteMeta>(site().dist, "site");
      const people = readLoaderOutput<{people: Record<string, {rep_name: string | null}>}>(site().dist, "reps").people;
      const fmt = formatters(locale, meta.currency);
      const period = meta.periods.find((p) => p.id === meta.defaultPeriod)!;
      const {combination: c, reps} = await expectedFigures(warehouse(), {start: period.start, end: period.end});
      expect(c.won).toBeGreaterThan(1);
      const chosen = [`channel=${c.channel}`, `product=${c.product}`, `team=${c.team}`];
      const winRate = fmt.percent(c.won / (c.won + c.lost));
      // the first of the three with a precomputed slice, team before channel, stands in where the cube cannot
      const slice = meta.filters.team.includes(c.team)
        ? `${t("filter.team")} ${c.team}`
        : meta.filters.channel.includes(c.channel)
          ? `${t("filter.channel")} ${displayName(t, "channel", c.channel)}`
          : t("filter.shownForAll");
      const nearest = t("filter.shownFor", {choice: slice});
      const checkOverview = async (page: Page) => {
        const tiles = await readTiles(page);
        const revenue = tiles[t("overview.kpi.wonRevenue")];
        expect([revenue.value, revenue.title]).toEqual(Object.values(fmt.moneyTile(c.won_amount)));
        expect(tiles[t("overview.kpi.winRate")].value).toBe(winRate);
        expect(tiles[t("overview.kpi.opportunities")].value).toBe(fmt.count(c.created));
        expect(tiles[t("overview.kpi.avgDeal")].value).toBe(fmt.moneyTile(c.won_amount / c.won_with_amount).value);
        // leads are not in the cube: the tile says whose figure it shows
        expect(tiles[t("overview.kpi.leads")].text).toContain(nearest);
      };
      const checkFunnel = (page: Page) => expectFunnel(page, t, fmt, c);
      const checkReps = (page: Page) => expectReps(page, t, fmt, reps, people);

      let shared = "";
      const picked = await visitPage(chromium(), pageUrl(site(), "index"), {
        width: 1440,
        act: async (page) => {
          await pickFilterValue(page, "team", c.team);
          await pickFilterValue(page, "channel", c.channel);
          await pickFilterValue(page, "product", c.product);
          expect((await readChosen(page)).sort()).toEqual(chosen);
          await checkOverview(page);
          shared = page.url();
        }
      });
      expect([...picked.errors, ...picked.cellErrors]).toEqual([]);
      const query = new URL(shared).searchParams;
      expect([query.get("team"), query.get("channel"), query.get("product")]).toEqual([c.team, c.channel, c.product]);

      // the link shared, opened on the funnel page in a fresh browser: then the sidebar and the won revenue tile
      const opened = await visitPage(chromium(), shared.replace("/index.html", "/funnel.html"), {
        width: 1440,
        act: async (page) => {
          expect((await readChosen(page)).sort()).toEqual(chosen);
          await checkFunnel(page);
          const overview = page.locator('#observablehq-sidebar a[href$="index.html"]').last();
          await Promise.all([page.waitForURL(/\/index\.html$/), overview.click()]);
          await waitForRender(page);
          expect((await readChosen(page)).sort()).toEqual(chosen);
          await checkOverview(page);
          const tile = page.locator('main a.kpi[href*="reps.html"]').first();
          await Promise.all([page.waitForURL(/reps\.html\?/), tile.click()]);
          await waitForRender(page);
          expect((await readChosen(page)).sort()).toEqual(chosen);
          await checkReps(page);
        }
      });
      expect([...opened.errors, ...opened.cellErrors]).toEqual([]);
    },
    TIMEOUT
  );

  it(
    "leaves a stale value of a link out of the filter with a note naming it, and keeps the rest",
    async () => {
      const meta = readLoaderOutput<SiteMeta>(site().dist, "site");
      const team = meta.filters.team[0];
      const search = new URLSearchParams({period: meta.defaultPeriod, team, product: "No such product"});
      let note = "";
      let chosen: string[] = [];
      const visit = await visitPage(chromium(), `${pageUrl(site(), "reps")}?${search}`, {
        act: async (page) => {
          note = (await page.locator(".filter-dropped").textContent()) ?? "";
          chosen = await readChosen(page);
        }
      });
      expect([...visit.errors, ...visit.cellErrors]).toEqual([]);
      expect(note).toBe(t("filter.dropped", {values: `${t("filter.product")} No such product`}));
      expect(chosen).toEqual([`team=${team}`]);
    },
    TIMEOUT
  );
}
