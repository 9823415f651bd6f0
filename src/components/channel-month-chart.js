import * as Plot from "@observablehq/plot";

/**
 * One channel's monthly measures: lines (counts: leads and opportunities; cost against gross margin) or
 * bars (one measure, e.g. won revenue). `series` is [{key, label, color}]; a legend names the lines.
 */
export function channelMonthChart(months, {width, series, kind = "line", format, fmt}) {
  const data = series.flatMap(({key, label}) =>
    months
      .filter((m) => m[key] !== null && m[key] !== undefined)
      .map((m) => ({month: new Date(`${m.month}T00:00:00Z`), value: m[key], label}))
  );
  const title = (d) => `${d.label}\n${fmt.month(d.month.toISOString())}: ${format(d.value)}`;
  const color = {domain: series.map((s) => s.label), range: series.map((s) => s.color), legend: series.length > 1};
  return Plot.plot({
    // a grid cell is measured as narrow as 0 px while the page lays out; bars would get negative widths
    width: Math.max(width, 320),
    height: 220,
    marginLeft: 56,
    x: {type: "utc", label: null, ticks: width < 500 ? 4 : 8, tickFormat: fmt.monthTick},
    y: {label: null, tickFormat: format, grid: true, zero: true, ticks: 5},
    color,
    marks:
      kind === "bar"
        ? [
            Plot.rectY(data, {x: "month", y: "value", interval: "month", fill: "label", inset: 1, title, tip: true}),
            Plot.ruleY([0])
          ]
        : [
            Plot.lineY(data, {x: "month", y: "value", stroke: "label", strokeWidth: 2}),
            Plot.dot(data, {x: "month", y: "value", fill: "label", r: 2.5, title, tip: true}),
            Plot.ruleY([0])
          ]
  });
}
