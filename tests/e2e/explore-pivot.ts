import {readFileSync} from "node:fs";
import {join} from "node:path";
import {listValue, type DuckDBValue} from "@duckdb/node-api";
import {parse} from "csv-parse/sync";
import type {Browser, Page} from "playwright-core";
import {expect, it} from "vitest";
import type {SiteMeta} from "../../site/read-site-meta.ts";
import type {SiteLocale} from "../../site/site-locale.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {displayName, displayNameMessages} from "../../src/components/display-names.js";
import {formatters, translator} from "../../src/components/i18n.js";
import {common} from "../../src/locales/common.js";
import {exploreText} from "../../src/locales/explore.js";
import type {BuiltSite} from "./e2e-sites.ts";
import {readLoaderOutput} from "./pipeline-numbers.ts";
import {visitPage, waitForRender} from "./visit-page.ts";
import {pageUrl, PHONE, SCREENSHOTS} from "./visit-site.ts";

const TIMEOUT = 5 * 60_000;

type Axis = "team" | "channel" | "product" | "rep" | "quarter" | "year";
type Measure = "count" | "won_amount" | "win_rate";

/** A pivot as a link asks for it. */
interface Pivot {
  rows: Axis;
  cols: Axis | null;
  measure: Measure;
  period: string;
  filters: Partial<Record<"team" | "channel", string[]>>;
}

/** A pivot's table as the page shows it: header texts, then per line its label and each cell's text and title. */
interface ShownPivot {
  title: string;
  headers: string[];
  lines: {label: string; total: boolean; cells: {text: string; title: string | null}[]}[];
}

// the measures by their definitions: created in the period (by created_at), or closed in it (by closed_at)
const MEASURES: Record<Measure, {at: string; where: string; value: string}> = {
  count: {at: "created_at", where: "true", value: "count(*)::DOUBLE"},
  won_amount: {at: "closed_at", where: "outcome = 'won'", value: "coalesce(sum(reporting_amount), 0)::DOUBLE"},
  win_rate: {
    at: "closed_at",
    where: "outcome IN ('won', 'lost')",
    value: "(count(*) FILTER (WHERE outcome = 'won'))::DOUBLE / count(*)"
  }
};

// a time's key is the first day of its month or quarter, or its year
const KEYS: Record<Axis, (at: string) => string> = {
  team: () => "team",
  channel: () => "source",
  product: () => "product",
  rep: () => "owner_rep_id",
  quarter: (at) => `strftime(date_trunc('quarter', ${at}), '%Y-%m-%d')`,
  year: (at) => `strftime(${at}, '%Y')`
};

/**
 * A pivot's figures by SQL on the warehouse alone, written from the definitions: amounts in the reporting
 * currency (converted at ingest unless already in it), team by the owner; per cell, row, column and in all.
 */
async function pivotNumbers(path: string, pivot: Pivot, period: {start: string; end: string}) {
  const {at, where, value} = MEASURES[pivot.measure];
  const params: Record<string, DuckDBValue> = {start: period.start, end: period.end};
  const filters = Object.entries(pivot.filters).map(([dimension, values]) => {
    params[dimension] = listValue(values);
    return `list_contains($${dimension}::VARCHAR[], ${KEYS[dimension as Axis](at)})`;
  });
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    const rows = await readRows<{
      all_rows: number;
      all_cols: number;
      row_key: string | null;
      col_key: string | null;
      value: number;
    }>(
      warehouse.connection,
      `WITH deals AS (
         SELECT o.*, r.team,
           (CASE WHEN rc.currency IS NULL OR o.currency IS NULL OR o.currency = rc.currency THEN o.amount
              ELSE o.amount_reporting END)::DOUBLE AS reporting_amount
         FROM opportunities o LEFT JOIN reps r ON r.rep_id = o.owner_rep_id
         CROSS JOIN (SELECT max(currency) AS currency FROM reporting_currency) rc
       ),
       kept AS (
         SELECT ${KEYS[pivot.rows](at)} AS row_key, ${pivot.cols ? KEYS[pivot.cols](at) : "'*'"} AS col_key, *
         FROM deals
         WHERE ${at} >= $start::TIMESTAMP AND ${at} < $end::TIMESTAMP AND ${where} ${filters.map((f) => `AND ${f}`).join(" ")}
       )
       SELECT grouping(row_key)::INTEGER AS all_rows, grouping(col_key)::INTEGER AS all_cols, row_key, col_key,
         ${value} AS value
       FROM kept GROUP BY GROUPING SETS ((row_key, col_key), (row_key), (col_key), ())`,
      params
    );
    const reps = await readRows<{rep_id: string; name: string | null}>(
      warehouse.connection,
      "SELECT rep_id, name FROM reps"
    );
    return {rows, repNames: new Map(reps.map((rep) => [rep.rep_id, rep.name ?? rep.rep_id]))};
  } finally {
    warehouse.close();
  }
}

/** The pivot's table on the page. */
async function readPivot(page: Page): Promise<ShownPivot> {
  return page.evaluate(() => {
    const wrapper = document.querySelector(".pivot");
    const table = wrapper?.querySelector("table");
    if (!wrapper || !table) return {title: "", headers: [], lines: []};
    return {
      title: wrapper.querySelector("h3")?.textContent?.trim() ?? "",
      headers: [...table.querySelectorAll("thead th")].map((th) => th.textContent?.trim() ?? ""),
      lines: [...table.querySelectorAll("tbody tr, tfoot tr")].map((tr) => ({
        label: tr.querySelector("th")?.textContent?.trim() ?? "",
        total: tr.parentElement?.tagName === "TFOOT",
        cells: [...tr.querySelectorAll("td")].map((td) => ({
          text: td.textContent?.trim() ?? "",
          title: td.getAttribute("title")
        }))
      }))
    };
  });
}

/** The figure of an amount as the site prints it exactly ("CN¥23,345,398", "-¥1,234"). */
const amountOf = (text: string) => Number(text.replace(/[^\d.\-−]/g, "").replace("−", "-"));

/** The browser tests of the explore page's pivot, for one language's site. */
export function explorePivotTests(
  locale: SiteLocale,
  site: () => BuiltSite,
  warehouse: () => string,
  chromium: () => Browser
) {
  const meta = () => readLoaderOutput<SiteMeta>(site().dist, "site");

  /** The pivot SQL finds, laid out as the page shows it: the header, and per row label the cells' figures by column. */
  async function expectedPivot(pivot: Pivot) {
    const t = translator(locale, common, exploreText, displayNameMessages(meta().display_names));
    const fmt = formatters(locale, meta().currency);
    const period = meta().periods.find((p) => p.id === pivot.period)!;
    const {rows, repNames} = await pivotNumbers(warehouse(), pivot, period);
    const label = (axis: Axis, key: string | null): string => {
      if (key === null) return t(`explore.pivot.none.${axis}`);
      if (axis === "channel") return displayName(t, "channel", key);
      if (axis === "rep") return repNames.get(key) ?? key;
      if (axis === "quarter") return fmt.quarter(key);
      if (axis === "year") return t("explore.pivot.year", {year: key});
      return key;
    };
    const additive = pivot.measure !== "win_rate";
    // a row or column shows when its total has a value: not zero for a count or an amount
    const shown = (row: {value: number | null}) => row.value !== null && (!additive || row.value !== 0);
    const rowTotals = rows.filter((r) => r.all_rows === 0 && r.all_cols === 1 && shown(r));
    const colTotals = rows
      .filter((r) => r.all_rows === 1 && r.all_cols === 0 && shown(r))
      .sort((a, b) => String(a.col_key).localeCompare(String(b.col_key)));
    const total = rows.find((r) => r.all_rows === 1 && r.all_cols === 1)!;
    const cell = (row: string | null, col: string | null) =>
      rows.find((r) => r.all_rows === 0 && r.all_cols === 0 && r.row_key === row && r.col_key === col)?.value ??
      (additive ? 0 : null);
    const cols = pivot.cols ? colTotals.map((c) => c.col_key) : [];
    const totalName = t(additive ? "explore.pivot.total" : "explore.pivot.overall");
    const line = (values: (number | null)[]) => values.map((v) => figure(pivot.measure, v, fmt));
    return {
      headers: [
        t(`explore.pivot.axis.${pivot.rows}`),
        ...cols.map((col) => label(pivot.cols!, col)),
        pivot.cols ? totalName : t(`explore.pivot.measure.${pivot.measure}`)
      ],
      lines: new Map([
        ...rowTotals.map(
          (r) => [label(pivot.rows, r.row_key), line([...cols.map((col) => cell(r.row_key, col)), r.value])] as const
        ),
        [totalName, line([...cols.map((col) => colTotals.find((c) => c.col_key === col)!.value), total.value])] as const
      ]),
      rowTotals: new Map(rowTotals.map((r) => [label(pivot.rows, r.row_key), r.value])),
      cols: cols.map((col) => label(pivot.cols!, col))
    };
  }

  /** Every cell of the table equals SQL's figure: its text, and the exact amount of its title to the unit. */
  function expectSame(shown: ShownPivot, expected: Awaited<ReturnType<typeof expectedPivot>>, context: string) {
    expect(shown.headers, context).toEqual(expected.headers);
    expect(shown.lines.map((line) => line.label).sort(), context).toEqual([...expected.lines.keys()].sort());
    expect(shown.lines.at(-1)?.total, `${context}: the total line comes last`).toBe(true);
    for (const line of shown.lines) {
      const want = expected.lines.get(line.label)!;
      expect(
        line.cells.map((cell) => cell.text),
        `${context}: ${line.label}`
      ).toEqual(want.map((cell) => cell.text));
      line.cells.forEach((cell, i) => {
        if (want[i].exact === null) return;
        expect(
          Math.abs(amountOf(cell.title ?? cell.text) - want[i].exact!),
          `${context}: ${line.label} #${i}`
        ).toBeLessThanOrEqual(1);
      });
    }
  }

  /** A link to the explore page holding a pivot. */
  const link = (pivot: Pivot, extra = "") => {
    const params = new URLSearchParams({
      rows: pivot.rows,
      cols: pivot.cols ?? "none",
      measure: pivot.measure,
      period: pivot.period
    });
    for (const [dimension, values] of Object.entries(pivot.filters)) params.set(dimension, values.join(","));
    return `${pageUrl(site(), "explore")}?${params}${extra}`;
  };

  it(
    "opens the explore page's pivot from a link, every cell as SQL on the warehouse finds it, the CSV the same, on a phone too",
    async () => {
      const [team] = meta().filters.team;
      const pivot: Pivot = {
        rows: "channel",
        cols: "quarter",
        measure: "won_amount",
        period: "all",
        filters: {team: [team]}
      };
      const expected = await expectedPivot(pivot);
      expect(expected.cols.length).toBeGreaterThan(4);
      expect(expected.lines.size).toBeGreaterThan(3);
      let table: ShownPivot = {title: "", headers: [], lines: []};
      let csv = "";
      const visit = await visitPage(chromium(), link(pivot), {
        width: 1440,
        screenshot: join(SCREENSHOTS, locale, "explore-pivot-1440.png"),
        act: async (page) => {
          table = await readPivot(page);
          const [download] = await Promise.all([page.waitForEvent("download"), page.click(".pivot button.download")]);
          csv = readFileSync((await download.path())!, "utf8");
        }
      });
      expect([...visit.errors, ...visit.cellErrors]).toEqual([]);
      expectSame(table, expected, `won amount by channel and quarter of team ${team}`);
      // the file holds the table's lines with the exact amounts its cells round
      const fmt = formatters(locale, meta().currency);
      const [header, ...lines] = parse(csv.replace(/^\ufeff/, "")) as string[][];
      expect(header).toEqual(table.headers);
      expect(lines.map((line) => line[0])).toEqual(table.lines.map((line) => line.label));
      lines.forEach((line, i) => {
        const amounts = line.slice(1).map(Number);
        expect(
          amounts.map((amount) => fmt.money.compact(amount)),
          line[0]
        ).toEqual(table.lines[i].cells.map((cell) => cell.text));
        expect(
          amounts.map((amount) => fmt.moneyExact(amount)),
          line[0]
        ).toEqual(table.lines[i].cells.map((cell) => cell.title ?? cell.text));
      });

      // a phone scrolls the table inside its box, not the page
      let box = {scrollWidth: 0, clientWidth: 0, overflowX: ""};
      const phone = await visitPage(chromium(), link(pivot), {
        width: PHONE,
        screenshot: join(SCREENSHOTS, locale, `explore-pivot-${PHONE}.png`),
        act: async (page) => {
          box = await page.$eval(".pivot-scroll", (element) => ({
            scrollWidth: element.scrollWidth,
            clientWidth: element.clientWidth,
            overflowX: getComputedStyle(element).overflowX
          }));
        }
      });
      expect([...phone.errors, ...phone.cellErrors]).toEqual([]);
      expect(phone.scrollWidth).toBeLessThanOrEqual(PHONE);
      expect(box.scrollWidth).toBeGreaterThan(box.clientWidth);
      expect(box.overflowX).toBe("auto");
    },
    TIMEOUT
  );

  it(
    "shows a win rate per product as SQL finds it, its total from all the deals, and writes a changed control into the address",
    async () => {
      const t = translator(locale, common, exploreText);
      const pivot: Pivot = {rows: "product", cols: null, measure: "win_rate", period: "ytd", filters: {}};
      const expected = await expectedPivot(pivot);
      expect(expected.lines.size).toBeGreaterThan(3);
      const read: ShownPivot[] = [];
      const addresses: string[] = [];
      const visit = await visitPage(chromium(), link(pivot), {
        width: 1440,
        act: async (page) => {
          const before = await readPivot(page);
          read.push(before);
          await page.selectOption('.pivot-controls select[name="measure"]', "count");
          await page.waitForFunction(
            (title) => document.querySelector(".pivot h3")?.textContent?.trim() !== title,
            before.title
          );
          await waitForRender(page);
          read.push(await readPivot(page));
          addresses.push(page.url());
          // a filter's box, by keyboard: open the channel list, tick its first value
          await page.focus('.pivot-controls .value-picker[data-dimension="channel"] summary');
          await page.keyboard.press("Enter");
          await page
            .locator('.pivot-controls .value-picker[data-dimension="channel"] input[type="checkbox"]')
            .first()
            .focus();
          await page.keyboard.press("Space");
          await page.waitForURL(/[?&]channel=/);
          addresses.push(page.url());
        }
      });
      expect([...visit.errors, ...visit.cellErrors]).toEqual([]);
      const [before, after] = read;
      expectSame(before, expected, "win rate by product, year to date");
      // the rows come largest first, a product not set last
      const rates = before.lines
        .filter((line) => !line.total && line.label !== t("explore.pivot.none.product"))
        .map((line) => expected.rowTotals.get(line.label)!);
      expect(rates).toEqual([...rates].sort((a, b) => b - a));
      expect(after.title).toBe(
        t("explore.pivot.heading.one", {
          measure: t("explore.pivot.measure.count"),
          axis: t("explore.pivot.axis.product").toLowerCase()
        })
      );
      expect(new URL(addresses[0]).searchParams.get("measure")).toBe("count");
      expect(new URL(addresses[0]).searchParams.get("rows")).toBe("product");
      expect(new URL(addresses[1]).searchParams.get("channel")).toBeTruthy();
    },
    TIMEOUT
  );

  it(
    "counts the opportunities of two channels per rep and year as SQL does, leaving out a channel the link names that does not exist, with a note",
    async () => {
      const t = translator(locale, common, exploreText);
      const channels = meta().filters.channel.slice(0, 2);
      expect(channels).toHaveLength(2);
      const pivot: Pivot = {rows: "rep", cols: "year", measure: "count", period: "all", filters: {channel: channels}};
      const expected = await expectedPivot(pivot);
      let shown: ShownPivot = {title: "", headers: [], lines: []};
      let note = "";
      let address = "";
      const visit = await visitPage(chromium(), link(pivot, "&channel=no_such_channel"), {
        width: 1440,
        act: async (page) => {
          shown = await readPivot(page);
          note = await page.locator(".pivot-dropped").innerText();
          address = page.url();
        }
      });
      expect([...visit.errors, ...visit.cellErrors]).toEqual([]);
      expectSame(shown, expected, `opportunities created by rep and year, channels ${channels.join(", ")}`);
      expect(note).toBe(t("explore.pivot.dropped", {values: `${t("explore.pivot.axis.channel")} “no_such_channel”`}));
      expect(new URL(address).searchParams.get("channel")).toBe(channels.join(","));
    },
    TIMEOUT
  );
}

/** A figure as a cell shows it, and for an amount the exact figure its title gives. */
function figure(measure: Measure, value: number | null, fmt: ReturnType<typeof formatters>) {
  if (measure === "won_amount")
    return {text: fmt.money.compact(value), exact: value === null ? null : Math.round(value)};
  if (measure === "win_rate") return {text: fmt.percent(value), exact: null};
  return {text: fmt.count(value), exact: null};
}
