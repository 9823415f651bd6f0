import type {Browser} from "playwright-core";
import {expect, it} from "vitest";
import type {SiteMeta} from "../../site/read-site-meta.ts";
import type {SiteLocale} from "../../site/site-locale.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {REPORTING_OPPORTUNITIES} from "../../pipelines/lib/reporting-amounts.ts";
import {displayName, displayNameMessages} from "../../src/components/display-names.js";
import {formatters, translator} from "../../src/components/i18n.js";
import {channelsText} from "../../src/locales/channels.js";
import {common} from "../../src/locales/common.js";
import {pipelineText} from "../../src/locales/pipeline.js";
import {readTiles} from "./combined-filters.ts";
import type {BuiltSite} from "./e2e-sites.ts";
import {readLoaderOutput} from "./pipeline-numbers.ts";
import {columnOf, readTable, type ShownTable} from "./read-table.ts";
import {visitPage} from "./visit-page.ts";
import {pageUrl, PHONE} from "./visit-site.ts";

const TIMEOUT = 5 * 60_000;

/** A team, product and rep of that team chosen together, and the deals open now among theirs. */
interface Combination {
  team: string;
  product: string;
  rep_id: string;
  count_open: number;
  open_amount: number;
}

/** One channel's deals of the combination: created in the period, won and lost in it, by close. */
interface ChannelFigures {
  source: string | null;
  created: number;
  won: number;
  lost: number;
  won_amount: number;
  won_with_amount: number;
  avg_cycle_days: number | null;
}

const IN_PERIOD = (column: string) =>
  `o.${column} >= CAST($start AS TIMESTAMP) AND o.${column} < CAST($end AS TIMESTAMP)`;

export async function expectedChannels(path: string, period: {start: string; end: string}) {
  const warehouse = await openWarehouse(path, {readOnly: true});
  try {
    // the rep, team and product with deals closed in the period over the most channels
    const [combination] = await readRows<Combination>(
      warehouse.connection,
      `SELECT r.team, o.product, o.owner_rep_id AS rep_id,
         count(*) FILTER (WHERE o.outcome = 'open')::INTEGER AS count_open,
         coalesce(sum(o.amount) FILTER (WHERE o.outcome = 'open'), 0)::DOUBLE AS open_amount
       FROM ${REPORTING_OPPORTUNITIES} o JOIN reps r ON r.rep_id = o.owner_rep_id
       WHERE r.team IS NOT NULL AND o.product IS NOT NULL
       GROUP BY ALL
       HAVING count(DISTINCT o.source) FILTER (WHERE o.outcome IN ('won', 'lost') AND ${IN_PERIOD("closed_at")}) >= 2
       ORDER BY count(DISTINCT o.source) FILTER (WHERE o.outcome IN ('won', 'lost') AND ${IN_PERIOD("closed_at")}) DESC,
         count(*) DESC, r.team, o.product, o.owner_rep_id
       LIMIT 1`,
      period
    );
    const won = `o.outcome = 'won' AND ${IN_PERIOD("closed_at")}`;
    const channels = await readRows<ChannelFigures>(
      warehouse.connection,
      `SELECT o.source,
         count(*) FILTER (WHERE ${IN_PERIOD("created_at")})::INTEGER AS created,
         count(*) FILTER (WHERE ${won})::INTEGER AS won,
         count(*) FILTER (WHERE o.outcome = 'lost' AND ${IN_PERIOD("closed_at")})::INTEGER AS lost,
         coalesce(sum(o.amount) FILTER (WHERE ${won}), 0)::DOUBLE AS won_amount,
         count(o.amount) FILTER (WHERE ${won})::INTEGER AS won_with_amount,
         -- a won deal closed before its creation has no cycle
         avg(date_diff('second', o.created_at, o.closed_at) / 86400.0)
           FILTER (WHERE ${won} AND o.closed_at >= o.created_at) AS avg_cycle_days
       FROM ${REPORTING_OPPORTUNITIES} o JOIN reps r ON r.rep_id = o.owner_rep_id
       WHERE r.team = $team AND o.product = $product AND o.owner_rep_id = $rep_id
       GROUP BY ALL HAVING created + won + lost > 0`,
      {...period, team: combination.team, product: combination.product, rep_id: combination.rep_id}
    );
    return {combination, channels};
  } finally {
    warehouse.close();
  }
}

/**
 * The browser tests of pages that follow a combination of team, product and rep: the channels page's figures per
 * channel and the pipeline's open deals computed as SQL on the warehouse does, and the pages that cannot compute
 * theirs showing the nearest precomputed slice, labelled, on a phone as wide as 390 px.
 */
export function combinedPageTests(
  locale: SiteLocale,
  site: () => BuiltSite,
  warehouse: () => string,
  chromium: () => Browser
) {
  it(
    "computes each channel's figures and the open pipeline of a team, product and rep chosen together, as SQL does, and labels what other pages show from the nearest slice",
    async () => {
      const meta = readLoaderOutput<SiteMeta>(site().dist, "site");
      const t = translator(locale, common, channelsText, pipelineText, displayNameMessages(meta.display_names));
      const fmt = formatters(locale, meta.currency);
      const period = meta.periods.find((p) => p.id === meta.defaultPeriod)!;
      const {combination: c, channels} = await expectedChannels(warehouse(), {start: period.start, end: period.end});
      expect(channels.length).toBeGreaterThan(1);
      const search = `?${new URLSearchParams({period: period.id, team: c.team, product: c.product, rep: c.rep_id})}`;
      const nearest = t("filter.shownFor", {
        choice: meta.filters.team.includes(c.team) ? `${t("filter.team")} ${c.team}` : t("filter.shownForAll")
      });

      let table: ShownTable = {headers: [], rows: []};
      const channelsPage = await visitPage(chromium(), `${pageUrl(site(), "channels")}${search}`, {
        width: PHONE,
        act: async (page) => {
          table = await readTable(page, ".channel-figures");
        }
      });
      expect([...channelsPage.errors, ...channelsPage.cellErrors]).toEqual([]);
      expect(channelsPage.scrollWidth).toBeLessThanOrEqual(PHONE);
      expect(channelsPage.text).toContain(t("filter.computed"));
      const column = (key: string) => columnOf(table, t(key)).map((cell) => cell.text);
      const shown = column("channels.col.channel").map((name, i) => ({
        name,
        created: column("channels.col.opportunities")[i],
        won: column("channels.col.won")[i],
        lost: column("channels.col.lost")[i],
        winRate: column("channels.col.winRateOnly")[i],
        wonRevenue: column("channels.col.wonRevenue")[i],
        averageDeal: column("channels.col.averageDeal")[i],
        averageCycle: column("channels.col.averageCycleDays")[i]
      }));
      const byName = (a: {name: string}, b: {name: string}) => a.name.localeCompare(b.name);
      expect(shown.sort(byName)).toEqual(
        channels
          .map((d) => ({
            name: d.source === null ? t("channels.noSource") : displayName(t, "channel", d.source),
            created: fmt.count(d.created),
            won: fmt.count(d.won),
            lost: fmt.count(d.lost),
            winRate: fmt.percent(d.won + d.lost ? d.won / (d.won + d.lost) : null),
            // amounts as the table shows them, compact; a figure without deals to average is an empty cell
            wonRevenue: fmt.money.compact(d.won_amount),
            averageDeal: d.won_with_amount ? fmt.money.compact(d.won_amount / d.won_with_amount) : "",
            averageCycle: d.avg_cycle_days === null ? "" : fmt.days(d.avg_cycle_days)
          }))
          .sort(byName)
      );
      // leads and spend are not in the cube: their tiles say whose figures they show
      expect(channelsPage.text).toContain(nearest);

      let open = {value: "", text: ""};
      const pipeline = await visitPage(chromium(), `${pageUrl(site(), "pipeline")}${search}`, {
        act: async (page) => {
          open = (await readTiles(page))[t("pipeline.kpi.open")];
        }
      });
      expect([...pipeline.errors, ...pipeline.cellErrors]).toEqual([]);
      expect(open.value).toBe(fmt.moneyTile(c.open_amount).value);
      expect(open.text).toContain(t("pipeline.kpi.openNote", {count: fmt.count(c.count_open)}));
      expect(open.text).not.toContain(nearest);

      for (const name of ["pipeline", "customers", "service", "forecast"]) {
        const visit =
          name === "pipeline"
            ? pipeline
            : await visitPage(chromium(), `${pageUrl(site(), name)}${search}`, {width: PHONE});
        expect([...visit.errors, ...visit.cellErrors], name).toEqual([]);
        expect(visit.text, name).toContain(nearest);
        expect(visit.text, name).not.toContain(t("slice.unknown"));
        if (name !== "pipeline") expect(visit.scrollWidth, name).toBeLessThanOrEqual(PHONE);
      }
    },
    TIMEOUT
  );
}
