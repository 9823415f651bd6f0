import {join} from "node:path";
import type {Browser} from "playwright-core";
import {PROJECT_ROOT} from "../../site/build-site.ts";
import type {BuiltSite} from "./e2e-sites.ts";
import {emptyVisit, visitPage, type PageVisit} from "./visit-page.ts";

/**
 * Full-page screenshots of every page, per language (git-ignored): test-screenshots/en/channels.png, beside those
 * tests save of one page at a width (follow-up-today-390.png). Emptied as a run begins (site.test.ts).
 */
export const SCREENSHOTS = join(PROJECT_ROOT, "test-screenshots");

/** Pages visited at once: the machine has two cores. */
const CONCURRENCY = 2;

const visits = new Map<string, Promise<Map<string, PageVisit>>>();

/**
 * Every page of a site visited once at `width` (remembered, so several tests read one visit); at the
 * desktop width each visit also saves the page's screenshot.
 */
export function visitSite(browser: Browser, site: BuiltSite, width: number): Promise<Map<string, PageVisit>> {
  const key = `${site.locale}@${width}`;
  if (!visits.has(key)) visits.set(key, visitAll(browser, site, width));
  return visits.get(key)!;
}

export const DESKTOP = 1280;
export const PHONE = 390;

async function visitAll(browser: Browser, site: BuiltSite, width: number): Promise<Map<string, PageVisit>> {
  const screenshots = width === DESKTOP ? join(SCREENSHOTS, site.locale) : null;
  const result = new Map<string, PageVisit>();
  const queue = [...site.pages];
  const worker = async () => {
    for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
      const url = pageUrl(site, page);
      const screenshot = screenshots ? {screenshot: join(screenshots, `${page}.png`)} : {};
      // a page that never finishes rendering is one page's problem, reported with the others
      const visit = await visitPage(browser, url, {width, ...screenshot}).catch((error: Error) => ({
        ...emptyVisit(url),
        errors: [`did not render: ${error.message.split("\n")[0]}`]
      }));
      result.set(page, visit);
    }
  };
  await Promise.all(Array.from({length: CONCURRENCY}, worker));
  return new Map(site.pages.map((page) => [page, result.get(page)!]));
}

/** A page's address; a rep's (reps/R001) is the one rep page's with the rep's id, rep.html?id=R001. */
export function pageUrl(site: BuiltSite, page: string): string {
  const rep = /^reps\/(.+)$/.exec(page);
  return rep ? `${site.origin}/rep.html?id=${encodeURIComponent(rep[1])}` : `${site.origin}/${page}.html`;
}

/** "page: problem" lines for every page, from a check of one visit. */
export function problems(
  visited: Map<string, PageVisit>,
  check: (visit: PageVisit) => (string | false | null | undefined)[]
): string[] {
  return [...visited].flatMap(([page, visit]) => {
    const counts = new Map<string, number>();
    for (const problem of check(visit)) if (problem) counts.set(problem, (counts.get(problem) ?? 0) + 1);
    return [...counts].map(([problem, n]) => `${page}: ${problem}${n > 1 ? ` (×${n})` : ""}`);
  });
}
