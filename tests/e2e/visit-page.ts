import {mkdirSync} from "node:fs";
import {dirname} from "node:path";
import type {Browser, BrowserContext, Page} from "playwright-core";

/** What a page did while it loaded and what it showed once rendered. */
export interface PageVisit {
  url: string;
  /** console errors, uncaught exceptions, failed requests (and HTTP errors) and dialogs, in words */
  errors: string[];
  /** requests to any address other than the site's own (blocked) */
  outside: string[];
  /** cells that threw: Framework shows their error in place */
  cellErrors: string[];
  h1: string;
  /** document.title */
  title: string;
  /** the page's visible text */
  text: string;
  /** the labels of the options of every select and of the filter bar's checkboxes */
  options: string[];
  /** the visible texts of elements in another language than the page's (names given in both languages) */
  otherLanguage: string[];
  /** per figure.chart holding an svg: its title and how many marks (shapes outside axes and grids) it drew */
  charts: {title: string; marks: number}[];
  /** elements the hostile account name would create if a page rendered it as HTML */
  injected: number;
  scrollWidth: number;
  /** every link and button target on the rendered page (href of a and area, data-href, formaction), resolved */
  links: string[];
  /** the ids and anchor names on the rendered page, which a link's #hash may point to */
  anchors: string[];
}

export interface VisitOptions {
  width?: number;
  /** a full-page screenshot to save */
  screenshot?: string;
  /** runs on the rendered page before the visit is summed up (clicks, filter changes) */
  act?: (page: Page, visit: PageVisit) => Promise<void>;
}

const RENDER_TIMEOUT = 20_000;

/** Opens `url` in a fresh browser context (no stored filter) and records what happened. */
export async function visitPage(browser: Browser, url: string, options: VisitOptions = {}): Promise<PageVisit> {
  const width = options.width ?? 1280;
  const context = await browser.newContext({viewport: {width, height: 900}, deviceScaleFactor: 1});
  try {
    const visit = emptyVisit(url);
    const page = await openRecorded(context, url, visit);
    if (options.act) await options.act(page, visit);
    await summarise(page, visit);
    if (options.screenshot) {
      mkdirSync(dirname(options.screenshot), {recursive: true});
      await page.screenshot({path: options.screenshot, fullPage: true});
    }
    return visit;
  } finally {
    await context.close();
  }
}

export function emptyVisit(url: string): PageVisit {
  return {
    url,
    errors: [],
    outside: [],
    cellErrors: [],
    h1: "",
    title: "",
    text: "",
    options: [],
    otherLanguage: [],
    charts: [],
    injected: 0,
    scrollWidth: 0,
    links: [],
    anchors: []
  };
}

async function openRecorded(context: BrowserContext, url: string, visit: PageVisit): Promise<Page> {
  const origin = new URL(url).origin;
  await context.route("**/*", async (route) => {
    const requested = route.request().url();
    if (new URL(requested).origin === origin) return route.continue();
    visit.outside.push(requested);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const source = message.location().url;
    // the browser asks for /favicon.ico by itself, whether a page links one or not
    if (source.endsWith("/favicon.ico")) return;
    visit.errors.push(`console error: ${message.text()}${source && source !== url ? ` (${source})` : ""}`);
  });
  page.on("pageerror", (error) => visit.errors.push(`uncaught ${error.name}: ${error.message}`));
  page.on("requestfailed", (request) => {
    if (new URL(request.url()).origin !== origin) return;
    visit.errors.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) visit.errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on("dialog", (dialog) => {
    visit.errors.push(`dialog (${dialog.type()}): ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("websocket", (socket) => visit.outside.push(socket.url()));
  await page.goto(url, {waitUntil: "load"});
  await waitForRender(page);
  return page;
}

/** Waits until Framework has run every cell and charts sized by resize() have drawn. */
export async function waitForRender(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector("observablehq-loading") === null, null, {
    timeout: RENDER_TIMEOUT
  });
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
  await page.waitForLoadState("networkidle");
}

async function summarise(page: Page, visit: PageVisit): Promise<void> {
  const seen = await page.evaluate(() => {
    const SHAPES = "rect, circle, ellipse, path, line, polyline, polygon, text";
    const isMark = (group: Element) =>
      !/axis|grid|frame/i.test(group.getAttribute("aria-label") ?? "") && group.childElementCount > 0;
    const charts = [...document.querySelectorAll("figure.chart")]
      .filter((figure) => figure.querySelector("svg"))
      .map((figure) => {
        // Plot labels each mark's group ("bar", "line", "x-axis tick" …); other SVG charts count every shape
        const labelled = figure.querySelectorAll("svg g[aria-label]");
        const groups = labelled.length ? [...labelled].filter(isMark) : [...figure.querySelectorAll("svg")];
        return {
          title: figure.querySelector("h2, h3, h4")?.textContent?.trim() ?? "(untitled chart)",
          marks: groups.reduce((sum, group) => sum + group.querySelectorAll(SHAPES).length, 0)
        };
      });
    return {
      cellErrors: [...document.querySelectorAll(".observablehq--error")].map((e) => e.textContent?.trim() ?? ""),
      h1: document.querySelector("main h1, h1")?.textContent?.trim() ?? "",
      title: document.title,
      text: document.body.innerText,
      options: [
        ...[...document.querySelectorAll("option")].map((option) => option.label),
        ...[...document.querySelectorAll(".filter-bar .value-picker-list label")].map(
          (label) => label.textContent?.trim() ?? ""
        )
      ],
      otherLanguage: [...document.querySelectorAll<HTMLElement>("body [lang]")]
        .filter((e) => e.lang !== document.documentElement.lang && e.innerText.trim())
        .map((e) => e.innerText.trim()),
      charts,
      injected: document.querySelectorAll('img[src="x"]').length,
      scrollWidth: document.documentElement.scrollWidth,
      links: [
        ...[...document.querySelectorAll<HTMLAnchorElement | HTMLAreaElement>("a[href], area[href]")].map(
          (a) => a.href
        ),
        ...[...document.querySelectorAll("[data-href]")].map((e) => e.getAttribute("data-href")!),
        ...[...document.querySelectorAll("[formaction]")].map((e) => e.getAttribute("formaction")!)
      ].map((href) => new URL(href, location.href).href),
      anchors: [...document.querySelectorAll("[id], a[name]")].map((e) => e.id || e.getAttribute("name")!)
    };
  });
  Object.assign(visit, seen);
}
