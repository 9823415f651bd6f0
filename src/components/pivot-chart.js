import * as Plot from "@observablehq/plot";
import {labelMargin} from "./label-margin.js";
import {PALETTE} from "./palette.js";
import {PIVOT_MEASURES} from "./pivot-state.js";

/** Bars drawn at most: beyond, the chart shows the first rows (the largest, or the latest times) and says so. */
export const CHART_BARS = 120;

// the keys of the chart's scales: a value not set, and the total (a pivot without rows or columns)
const NONE = "\u0000none";
const TOTAL = "\u0000total";
const TIMES = ["month", "quarter", "year"];

/**
 * The pivot's cells as horizontal bars, one band per row of the table: stacked by column for a count or an
 * amount, side by side within the band for a rate or an average (a stack of rates adds up to nothing). Without
 * columns one bar per row, without rows one per column. Colours follow the columns' order (the palette, a
 * ramp beyond eight columns). Returns the plot, its number of bars and the largest (for the text alternative),
 * and how many of the table's rows it draws of how many.
 *
 * @param {ReturnType<typeof import("./pivot-data.js").pivotData>} data
 * @param {{width: number, state: import("./pivot-state.js").PivotState,
 *   label: (axis: string, key: any) => string, total: string, measureName: string,
 *   figure: (value: any) => {text: string, title: string | null}, tick: (value: number) => string}} options
 */
export function pivotChart(data, {width, state, label, total, measureName, figure, tick}) {
  const additive = PIVOT_MEASURES[state.measure].additive;
  const key = (value) => (value === undefined ? TOTAL : value === null ? NONE : String(value));
  const name = (axis) => (k) => (k === TOTAL ? total : label(axis, k === NONE ? null : k));
  const cols = data.cols ?? [undefined];
  const grouped = data.rows !== null && data.cols !== null && !additive;
  const allRows = data.rows ?? [undefined];
  const fits = Math.max(1, Math.floor(CHART_BARS / (grouped ? cols.length : 1)));
  // a time ends with its latest values, a dimension starts with its largest
  const rows =
    allRows.length <= fits ? allRows : TIMES.includes(state.rows) ? allRows.slice(-fits) : allRows.slice(0, fits);
  const bars = rows
    .flatMap((row) => cols.map((col) => ({row: key(row), col: key(col), value: data.value(row, col)})))
    .filter((bar) => bar.value !== null);
  // without rows, the columns are the bands
  const bandAxis = data.rows ? state.rows : state.cols;
  const band = data.rows ? "row" : "col";
  const bands = (data.rows ? rows : cols).map(key);
  const colKeys = data.cols ? data.cols.map(key) : [];
  const legend = data.cols !== null && data.rows !== null;
  const color = data.cols
    ? {
        domain: colKeys,
        ...(colKeys.length <= PALETTE.length ? {range: PALETTE} : {scheme: "turbo"}),
        legend,
        tickFormat: name(state.cols)
      }
    : undefined;
  const tip = (bar) =>
    [
      data.rows ? name(state.rows)(bar.row) : null,
      data.cols ? name(state.cols)(bar.col) : null,
      `${measureName}: ${figure(bar.value).title ?? figure(bar.value).text}`
    ]
      .filter(Boolean)
      .join("\n");
  const fill = data.cols ? "col" : () => PALETTE[0];
  const height = 50 + (legend ? 40 : 0) + bands.length * (grouped ? cols.length * 12 + 10 : 26);
  const common = {
    width,
    height,
    marginLeft: labelMargin(bands.map(name(bandAxis)), {max: Math.min(180, Math.round(width * 0.4))}),
    marginRight: 20,
    x: {grid: true, label: measureName, tickFormat: tick, nice: true, ticks: Math.max(2, Math.floor(width / 100))},
    color
  };
  const plot = grouped
    ? Plot.plot({
        ...common,
        fy: {domain: bands, label: null, tickFormat: name(bandAxis), padding: 0.2, axis: "left"},
        y: {domain: colKeys, axis: null},
        marks: [Plot.barX(bars, {fy: "row", y: "col", x: "value", fill, title: tip, tip: true}), Plot.ruleX([0])]
      })
    : Plot.plot({
        ...common,
        y: {domain: bands, label: null, tickFormat: name(bandAxis)},
        // a count or an amount per column stacks along the row
        marks: [Plot.barX(bars, {y: band, x: "value", fill, title: tip, tip: true}), Plot.ruleX([0])]
      });
  const top = bars.reduce((best, bar) => (best === null || bar.value > best.value ? bar : best), null);
  return {
    plot,
    bars: bars.length,
    top: top && {
      name:
        [data.rows ? name(state.rows)(top.row) : null, data.cols ? name(state.cols)(top.col) : null]
          .filter(Boolean)
          .join(" · ") || total,
      value: top.value
    },
    drawn: data.rows ? rows.length : null,
    of: data.rows ? allRows.length : null
  };
}
