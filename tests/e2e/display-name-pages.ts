import {join} from "node:path";
import type {Browser} from "playwright-core";
import {expect, it} from "vitest";
import type {SiteLocale} from "../../site/site-locale.ts";
import {translator} from "../../src/components/i18n.js";
import {common} from "../../src/locales/common.js";
import {opportunitiesText} from "../../src/locales/opportunities.js";
import type {BuiltSite} from "./e2e-sites.ts";
import {englishWords, findCodes, readRawCodes} from "./raw-codes.ts";
import {columnOf, readTable} from "./read-table.ts";
import {visitPage} from "./visit-page.ts";
import {DESKTOP, pageUrl, problems, SCREENSHOTS, visitSite} from "./visit-site.ts";

const TIMEOUT = 10 * 60_000;

/** The browser tests that pages name what the warehouse holds as codes and ids, for one language's site. */
export function displayNamePageTests(
  locale: SiteLocale,
  site: () => BuiltSite,
  warehouse: () => string,
  chromium: () => Browser
) {
  it(
    "shows no channel, stage, activity or ticket code from the warehouse on any page: not in its text, title or filter options",
    async () => {
      const {codes} = await readRawCodes(warehouse());
      const english = await englishWords();
      const checked = locale === "en" ? codes.filter((code) => !english.has(code)) : codes;
      expect(checked.length).toBeGreaterThan(8);
      const visited = await visitSite(chromium(), site(), DESKTOP);
      const found = problems(visited, (visit) => {
        // a name given in the other language too (the glossary's) is that language's word, not a code
        const text = visit.otherLanguage.reduce((rest, words) => rest.replaceAll(words, ""), visit.text);
        return [
          ...findCodes(visit.title, checked).map((code) => `title shows ${code}`),
          ...findCodes(visit.options.join("\n"), checked).map((code) => `a filter option shows ${code}`),
          ...findCodes(text, checked).map((code) => `shows ${code}`)
        ];
      });
      expect(found).toEqual([]);
    },
    TIMEOUT
  );

  it(
    "names channels, stages and owners in score reasons, never by code or rep id",
    async () => {
      const {codes, repIds} = await readRawCodes(warehouse());
      const t = translator(locale, common, opportunitiesText);
      const reasons: string[] = [];
      const visit = await visitPage(chromium(), pageUrl(site(), "opportunities"), {
        width: 1440,
        screenshot: join(SCREENSHOTS, locale, "opportunities-reasons-1440.png"),
        act: async (page) => {
          const deals = await readTable(page, ".opportunity-priority");
          const leads = await readTable(page, ".lead-scores");
          reasons.push(
            ...columnOf(deals, t("opportunities.col.why")).map((cell) => cell.text),
            ...columnOf(leads, t("opportunities.col.leadWhy")).map((cell) => cell.text)
          );
        }
      });
      expect(visit.errors).toEqual([]);
      expect(reasons.length).toBeGreaterThan(20);
      const text = reasons.join("\n");
      expect([...findCodes(text, codes), ...findCodes(text, repIds)]).toEqual([]);
    },
    TIMEOUT
  );
}
