import {join} from "node:path";
import type {Browser} from "playwright-core";
import {expect, it} from "vitest";
import {ACTION_ROWS} from "../../site/pages/follow-up-data.ts";
import type {SiteMeta} from "../../site/read-site-meta.ts";
import type {SiteLocale} from "../../site/site-locale.ts";
import {formatters, translator} from "../../src/components/i18n.js";
import {common} from "../../src/locales/common.js";
import {dataQualityText} from "../../src/locales/data-quality.js";
import {followUpText} from "../../src/locales/follow-up.js";
import type {BuiltSite} from "./e2e-sites.ts";
import {followUpNumbers, type DueFollowUp} from "./follow-up-numbers.ts";
import {readLoaderOutput} from "./pipeline-numbers.ts";
import {columnOf, readTable, type ShownTable} from "./read-table.ts";
import {visitPage} from "./visit-page.ts";
import {pageUrl, PHONE, SCREENSHOTS} from "./visit-site.ts";

const TIMEOUT = 5 * 60_000;
const WIDTHS = [1440, PHONE];
const DUE = ["overdue", "today", "week"];

/** What the follow-up page shows first, read in the browser. */
interface FollowUpView {
  /** the ids of the page's h2 headings, in order */
  sections: string[];
  /** whether the first table on the page is the list for today */
  listFirst: boolean;
  tiles: {label: string; value: string}[];
  list: ShownTable;
  teams: ShownTable;
}

/** The browser tests of the follow-up page's list for today and the stale deals it leaves to data quality. */
export function followUpPageTests(
  locale: SiteLocale,
  site: () => BuiltSite,
  warehouse: () => string,
  chromium: () => Browser
) {
  const t = translator(locale, common, followUpText, dataQualityText);

  it(
    "leads the follow-up page with the list for today as SQL finds it due by the plan, no stale deal in it, at 1440 and 390 px",
    async () => {
      const meta = readLoaderOutput<SiteMeta>(site().dist, "site");
      const fmt = formatters(locale, meta.currency);
      const expected = await followUpNumbers(warehouse(), meta.exportedAt!);
      const due = expected.filter((row) => DUE.includes(row.status));
      const stale = new Set(expected.filter((row) => row.status === "stale").map((row) => row.opportunity_id));
      expect(due.length).toBeGreaterThan(5);
      expect(stale.size).toBeGreaterThan(5);
      for (const width of WIDTHS) {
        let shown: FollowUpView | null = null;
        const visit = await visitPage(chromium(), pageUrl(site(), "follow-up"), {
          width,
          screenshot: join(SCREENSHOTS, locale, `follow-up-today-${width}.png`),
          act: async (page) => {
            const first = await page.evaluate(() => ({
              sections: [...document.querySelectorAll("main h2[id]")].map((h) => h.id),
              listFirst: document.querySelector("main .data-table")?.classList.contains("follow-ups-due") ?? false,
              tiles: [...document.querySelectorAll("main .kpi")].slice(0, 4).map((kpi) => ({
                label: kpi.querySelector("h2")?.textContent?.trim() ?? "",
                value: kpi.querySelector(".big")?.textContent?.trim() ?? ""
              }))
            }));
            shown = {
              ...first,
              list: await readTable(page, ".follow-ups-due"),
              teams: await readTable(page, ".follow-ups-by-team")
            };
          }
        });
        expect([...visit.errors, ...visit.cellErrors]).toEqual([]);
        const view = shown! as FollowUpView;
        expect(view.sections[0]).toBe("today");
        expect(view.listFirst).toBe(true);
        expect(view.tiles).toEqual(
          [...DUE, "stale"].map((status) => ({
            label: t(`followUp.today.${status}`),
            value: fmt.count(expected.filter((row) => row.status === status).length)
          }))
        );
        const ids = columnOf(view.list, t("followUp.col.opportunity")).map((cell) => cell.text);
        expect(ids).toHaveLength(Math.min(due.length, ACTION_ROWS));
        expect(ids).toEqual(due.slice(0, ids.length).map((row) => row.opportunity_id));
        expect(ids.filter((id) => stale.has(id))).toEqual([]);
        expect(columnOf(view.list, t("followUp.col.due")).map((cell) => cell.text)).toEqual(
          due.slice(0, ids.length).map((row) => fmt.day(row.due_on))
        );
        expect(columnOf(view.list, t("followUp.col.status")).map((cell) => cell.text)).toEqual(
          due.slice(0, ids.length).map((row) => t(`followUp.today.${row.status}`))
        );
        expect(teamCounts(view.teams, t)).toEqual(expectedTeamCounts(expected, t, fmt.count));
        // a phone sees each deal's account, amount and win probability without scrolling the table sideways
        if (width === PHONE) {
          const columns = ["account", "amount", "probability"].map((c) => t(`followUp.col.${c}`));
          expect(view.list.headers.filter(Boolean).slice(0, 3)).toEqual(columns);
          for (const column of columns.slice(1)) {
            const cells = columnOf(view.list, column);
            expect(
              cells.filter((cell) => !cell.inView || !/\d/.test(cell.text)),
              column
            ).toEqual([]);
          }
        }
        expect(visit.scrollWidth).toBeLessThanOrEqual(width);
      }
    },
    TIMEOUT
  );

  it(
    "lists the stale deals the follow-up list leaves out on the data-quality page, as many as SQL finds",
    async () => {
      const meta = readLoaderOutput<SiteMeta>(site().dist, "site");
      const fmt = formatters(locale, meta.currency);
      const stale = (await followUpNumbers(warehouse(), meta.exportedAt!)).filter((row) => row.status === "stale");
      const summary = t("dataQuality.stale.summary", {
        n: fmt.count(stale.length),
        amount: fmt.money(Math.round(stale.reduce((sum, row) => sum + (row.amount ?? 0), 0))),
        silent: fmt.count(stale.filter((row) => row.stale_reason === "silent").length),
        pastClose: fmt.count(stale.filter((row) => row.stale_reason === "past_close").length)
      });
      for (const width of WIDTHS) {
        let text = "";
        let listed: ShownTable = {headers: [], rows: []};
        const visit = await visitPage(chromium(), `${pageUrl(site(), "data-quality")}#stale`, {
          width,
          screenshot: join(SCREENSHOTS, locale, `data-quality-stale-${width}.png`),
          act: async (page) => {
            text = await page.locator("#stale + p").innerText();
            listed = await readTable(page, "#stale + p + .data-table");
          }
        });
        expect([...visit.errors, ...visit.cellErrors]).toEqual([]);
        expect(text).toContain(summary);
        const ids = columnOf(listed, t("dataQuality.deals.opportunity")).map((cell) => cell.text);
        expect(ids.length).toBeGreaterThan(0);
        const staleIds = new Set(stale.map((row) => row.opportunity_id));
        expect(ids.filter((id) => !staleIds.has(id))).toEqual([]);
        expect(visit.scrollWidth).toBeLessThanOrEqual(width);
      }
    },
    TIMEOUT
  );
}

/** A team table's counts per team: overdue, due today, due this week, stale. */
function teamCounts(table: ShownTable, t: (key: string) => string): Record<string, string[]> {
  const teams = columnOf(table, t("followUp.col.team"));
  const counts = [...DUE, "stale"].map((status) => columnOf(table, t(`followUp.today.${status}`)));
  return Object.fromEntries(teams.map((team, i) => [team.text, counts.map((column) => column[i].text)]));
}

function expectedTeamCounts(
  rows: DueFollowUp[],
  t: (key: string) => string,
  count: (n: number) => string
): Record<string, string[]> {
  // every team with an open deal has a row, even one with nothing due
  const teams = [...new Set(rows.map((row) => row.team))];
  return Object.fromEntries(
    teams.map((team) => [
      team ?? t("followUp.unknown"),
      [...DUE, "stale"].map((status) => count(rows.filter((row) => row.team === team && row.status === status).length))
    ])
  );
}
