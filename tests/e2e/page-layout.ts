import type {Page} from "playwright-core";

/** What a rendered page shows of its language and layout habits, read in the browser. */
export interface PageLayout {
  /** the tick labels of every chart's x axis */
  xTicks: string[];
  /** the ids of the headings that have one (those written in Markdown) */
  headingIds: string[];
  /** tables wider than their box that the box does not scroll: their first header */
  clippedTables: string[];
  /** the texts of the tables' cells */
  cells: string[];
  /** the overview tiles' comparison lines with their direction and colour */
  changes: {direction: string; text: string; color: string}[];
  /** the menu toggle Framework shows on a narrow screen */
  menu: {label: string; shown: string; width: number; height: number; visible: boolean} | null;
}

export async function readPageLayout(page: Page): Promise<PageLayout> {
  return page.evaluate(() => {
    const texts = (selector: string) =>
      [...document.querySelectorAll(selector)].map((e) => e.textContent?.trim() ?? "");
    const toggle = document.getElementById("observablehq-sidebar-toggle");
    const box = toggle?.getBoundingClientRect();
    return {
      xTicks: texts('figure.chart svg g[aria-label="x-axis tick label"] text'),
      headingIds: [...document.querySelectorAll("main :is(h1, h2, h3, h4)[id]")].map((h) => h.id),
      clippedTables: [...document.querySelectorAll(".data-table table")]
        .filter((table) => {
          // the nearest box that would clip the table must scroll it instead
          for (let box = table.parentElement; box && box !== document.body; box = box.parentElement) {
            if (box.scrollWidth <= box.clientWidth + 1) continue;
            return !["auto", "scroll"].includes(getComputedStyle(box).overflowX);
          }
          return table.getBoundingClientRect().right > document.documentElement.clientWidth;
        })
        .map((table) => table.querySelector("th")?.textContent?.trim() ?? "(no header)"),
      cells: texts(".data-table tbody td"),
      changes: [...document.querySelectorAll(".kpi .change")].map((line) => ({
        direction: line.classList.contains("up") ? "up" : line.classList.contains("down") ? "down" : "",
        text: line.textContent?.trim() ?? "",
        color: getComputedStyle(line).color
      })),
      menu:
        toggle && box
          ? {
              label: toggle.getAttribute("aria-label") ?? "",
              shown: getComputedStyle(toggle, "::after").content,
              width: box.width,
              height: box.height,
              visible: getComputedStyle(toggle).display !== "none" && box.width > 0
            }
          : null
    };
  });
}

/** The priority list on a narrow screen: its headers in order, and where its first column sits as it scrolls. */
export async function readPriorityList(page: Page): Promise<{headers: string[]; sticky: boolean}> {
  return page.evaluate(async () => {
    const table = document.querySelector(".opportunity-priority table");
    if (!table) return {headers: [], sticky: false};
    const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent?.trim() ?? "").filter(Boolean);
    const scroller = table.closest("form") ?? table.parentElement!;
    const firstCell = () => table.querySelector("tbody tr td:nth-child(2)")!.getBoundingClientRect().left;
    const before = firstCell();
    scroller.scrollLeft = 200;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const scrolled = scroller.scrollLeft > 0;
    const after = firstCell();
    return {headers, sticky: scrolled && Math.abs(after - before) < 1};
  });
}
