import * as Plot from "@observablehq/plot";
import {html} from "htl";
import {channelName} from "./channel-link.js";
import {PALETTE} from "./palette.js";

/**
 * Small multiples: one chart per channel of a monthly measure (`count_leads`, `won_revenue`), each on
 * its own vertical scale — the shape of each channel's trend, not a comparison of sizes (the table
 * compares them) — largest channel first, its name linking to its page. `trend` is the loader's
 * {months, series}; the last month may be partial.
 */
export function channelTrendChart(trend, {width, measure, format, href, t, fmt}) {
  const series = trend.series
    .filter((s) => s[measure].some((v) => v !== null))
    .map((s) => ({...s, total: s[measure].reduce((sum, v) => sum + (v ?? 0), 0)}))
    .sort((a, b) => b.total - a.total);
  const columns = Math.max(1, Math.min(4, Math.floor(width / 260)));
  const cell = Math.floor((width - (columns - 1) * 16) / columns);
  const grid = html`<div class="channel-trend-grid" style=${{gridTemplateColumns: `repeat(${columns}, 1fr)`}}></div>`;
  for (const s of series) {
    const name = channelName(s.source, t);
    const data = trend.months.map((month, i) => ({month: new Date(`${month}T00:00:00Z`), value: s[measure][i]}));
    const link = href(s.source);
    const plot = Plot.plot({
      width: cell,
      height: 130,
      marginLeft: 44,
      marginTop: 8,
      x: {type: "utc", label: null, ticks: cell < 300 ? 3 : 4, tickFormat: fmt.monthTick},
      y: {label: null, ticks: 3, tickFormat: format, grid: true, zero: true},
      marks: [
        Plot.areaY(data, {x: "month", y: "value", fill: PALETTE[0], fillOpacity: 0.12}),
        Plot.lineY(data, {x: "month", y: "value", stroke: PALETTE[0]}),
        Plot.tip(
          data,
          Plot.pointerX({
            x: "month",
            y: "value",
            title: (d) => `${name}\n${fmt.month(d.month.toISOString())}: ${format(d.value)}`
          })
        )
      ]
    });
    plot.setAttribute("role", "img");
    plot.setAttribute("aria-label", `${name}: ${t("channels.trend.cellLabel", {total: format(s.total)})}`);
    grid.append(
      html`<div class="channel-trend-cell">
        <h4>${link ? html`<a href=${link}>${name}</a>` : name}</h4>
        ${plot}
      </div>`
    );
  }
  return grid;
}
