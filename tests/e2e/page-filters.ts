import {join} from "node:path";
import type {Browser, Page} from "playwright-core";
import {expect, it} from "vitest";
import type {SiteMeta} from "../../site/read-site-meta.ts";
import {renderDigest} from "../../site/render-digest.ts";
import type {SiteLocale} from "../../site/site-locale.ts";
import {displayName, displayNameMessages} from "../../src/components/display-names.js";
import {formatters, translator} from "../../src/components/i18n.js";
import {common} from "../../src/locales/common.js";
import {funnelText} from "../../src/locales/funnel.js";
import {repsText} from "../../src/locales/reps.js";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {expectedFigures, expectFunnel, expectReps, pickFilterValue, readChosen} from "./combined-filters.ts";
import type {BuiltSite} from "./e2e-sites.ts";
import {readLoaderOutput} from "./pipeline-numbers.ts";
import {readPdfText} from "./read-pdf-text.ts";
import {visitPage, waitForRender} from "./visit-page.ts";
import {pageUrl} from "./visit-site.ts";

const TIMEOUT = 5 * 60_000;

/** Chooses one value of a dimension in the filter bar with the mouse: opens its list, ticks it, closes it. */
async function clickFilterValue(page: Page, dimension: string, value: string): Promise<void> {
  const picker = page.locator(`form.filter-bar .value-picker[data-dimension="${dimension}"]`);
  await picker.locator("summary").click();
  await picker.locator(`input[type="checkbox"][value=${JSON.stringify(value)}]`).click();
  // a click elsewhere closes the list
  await page.locator("form.filter-bar .filter-summary").click();
  await expect.poll(() => picker.evaluate((details: HTMLDetailsElement) => details.open)).toBe(false);
  await waitForRender(page);
}

/**
 * The browser tests of a combination chosen on the page that shows it, not carried from another: the funnel's
 * tiles and the reps table against SQL on the warehouse, and the "Showing: …" line of a filtered page's digest.
 */
export function pageFilterTests(
  locale: SiteLocale,
  site: () => BuiltSite,
  warehouse: () => string,
  chromium: () => Browser
) {
  // the site's words, with the names it gives codes (a channel's)
  const setting = () => {
    const meta = readLoaderOutput<SiteMeta>(site().dist, "site");
    const period = meta.periods.find((p) => p.id === meta.defaultPeriod)!;
    return {
      meta,
      t: translator(locale, common, funnelText, repsText, displayNameMessages(meta.display_names)),
      fmt: formatters(locale, meta.currency),
      period: {start: period.start, end: period.end}
    };
  };

  it(
    "computes the funnel's tiles for a rep, channel and product chosen with the keyboard on the funnel page, as SQL does",
    async () => {
      const {t, fmt, period} = setting();
      const {combination: c} = await expectedFigures(warehouse(), period, ["rep", "channel", "product"]);
      let chosen: string[] = [];
      let address = "";
      const visit = await visitPage(chromium(), pageUrl(site(), "funnel"), {
        width: 1440,
        act: async (page) => {
          await pickFilterValue(page, "rep", c.rep);
          await pickFilterValue(page, "channel", c.channel);
          await pickFilterValue(page, "product", c.product);
          chosen = (await readChosen(page)).sort();
          address = page.url();
          await expectFunnel(page, t, fmt, c);
        }
      });
      expect([...visit.errors, ...visit.cellErrors]).toEqual([]);
      expect(chosen).toEqual([`channel=${c.channel}`, `product=${c.product}`, `rep=${c.rep}`]);
      const query = new URL(address).searchParams;
      expect([query.get("rep"), query.get("channel"), query.get("product")]).toEqual([c.rep, c.channel, c.product]);
    },
    TIMEOUT
  );

  it(
    "computes the reps table for a region, channel and product chosen with the mouse on the reps page, as SQL does",
    async () => {
      const {t, fmt, period} = setting();
      const people = readLoaderOutput<{people: Record<string, {rep_name: string | null}>}>(site().dist, "reps").people;
      const {combination: c, reps} = await expectedFigures(warehouse(), period, ["region", "channel", "product"]);
      expect(reps.length).toBeGreaterThan(0);
      let chosen: string[] = [];
      const visit = await visitPage(chromium(), pageUrl(site(), "reps"), {
        width: 1440,
        act: async (page) => {
          await clickFilterValue(page, "region", c.region);
          await clickFilterValue(page, "channel", c.channel);
          await clickFilterValue(page, "product", c.product);
          chosen = (await readChosen(page)).sort();
          await expectReps(page, t, fmt, reps, people);
        }
      });
      expect([...visit.errors, ...visit.cellErrors]).toEqual([]);
      expect(chosen).toEqual([`channel=${c.channel}`, `product=${c.product}`, `region=${c.region}`]);
    },
    TIMEOUT
  );

  it(
    "finds a rep by typing in the rep list's search box on the customers page, whose filter bar offers every rep and product",
    async () => {
      const opened = await openWarehouse(warehouse(), {readOnly: true});
      const reps = await readRows<{rep_id: string; name: string}>(
        opened.connection,
        `SELECT DISTINCT o.owner_rep_id AS rep_id, r.name FROM opportunities o JOIN reps r ON r.rep_id = o.owner_rep_id
         WHERE r.name IS NOT NULL ORDER BY 1`
      );
      const products = await readRows<{product: string}>(
        opened.connection,
        "SELECT DISTINCT product FROM opportunities WHERE product IS NOT NULL ORDER BY 1"
      );
      const owners = await readRows<{rep_id: string}>(
        opened.connection,
        "SELECT DISTINCT owner_rep_id AS rep_id FROM opportunities WHERE owner_rep_id IS NOT NULL ORDER BY 1"
      );
      opened.close();
      expect(reps.length).toBeGreaterThan(6);
      // a rep whose whole name no other rep's name or id contains
      const wanted = reps.find(
        (r) => reps.filter((o) => o.name.includes(r.name) || o.rep_id.includes(r.name)).length === 1
      )!;
      let offered: {rep: string[]; product: string[]} = {rep: [], product: []};
      let shown: string[] = [];
      let addressWhileTyping = "";
      let address = "";
      const visit = await visitPage(chromium(), pageUrl(site(), "customers"), {
        width: 390,
        act: async (page) => {
          const values = (dimension: string) =>
            page
              .locator(`form.filter-bar .value-picker[data-dimension="${dimension}"] input[type="checkbox"]`)
              .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
          offered = {rep: await values("rep"), product: await values("product")};
          const picker = page.locator('form.filter-bar .value-picker[data-dimension="rep"]');
          await picker.locator("summary").click();
          await picker.locator('input[type="search"]').fill(wanted.name);
          shown = await picker
            .locator("label:not([hidden]) input[type='checkbox']")
            .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
          addressWhileTyping = page.url();
          await picker.locator(`input[type="checkbox"][value="${wanted.rep_id}"]`).click();
          await page.keyboard.press("Escape");
          await waitForRender(page);
          address = page.url();
        }
      });
      expect([...visit.errors, ...visit.cellErrors]).toEqual([]);
      expect(offered.rep).toEqual(owners.map((r) => r.rep_id));
      expect(offered.product).toEqual(products.map((p) => p.product));
      expect(shown).toEqual([wanted.rep_id]);
      expect(new URL(addressWhileTyping).searchParams.has("rep")).toBe(false);
      expect(new URL(address).searchParams.get("rep")).toBe(wanted.rep_id);
    },
    TIMEOUT
  );

  it(
    'prints the filter and the period on the "Showing" line of a filtered page\'s digest',
    async () => {
      const {meta, t} = setting();
      const period = meta.periods.find((p) => p.id !== meta.defaultPeriod && p.id !== "all")!;
      const [team, channel] = [meta.filters.team[0], meta.filters.channel[0]];
      const pdf = join(site().dist, "..", `digest-funnel-filtered-${locale}.pdf`);
      const search = new URLSearchParams({period: period.id, team, channel});
      await renderDigest({site: site().dist, page: "funnel", pdf, filter: `?${search}`});
      const parts = [
        t(`period.${period.id}`),
        `${t("filter.team")} ${team}`,
        `${t("filter.channel")} ${displayName(t, "channel", channel)}`
      ];
      // PDF.js splits a line into pieces of text where it likes: compare without white space
      const squeeze = (text: string) => text.replace(/\s+/g, "");
      expect(squeeze(await readPdfText(pdf))).toContain(squeeze(t("filter.showing", {filter: parts.join(" · ")})));
    },
    TIMEOUT
  );
}
