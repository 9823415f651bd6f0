import {stageAmountChart} from "./pipeline-month-chart.js";

/**
 * The open amount at each month-end and now, stacked by stage, the chosen month-end in full colour and
 * the others faded. Cells: {column, stage, amount, count_opportunities, title}; `columns` in order.
 */
export function pipelinePastChart(cells, {width, columns, chosen, stages, t, fmt}) {
  return stageAmountChart(cells, {
    width,
    x: "column",
    domain: columns,
    label: t("pipeline.past.axis"),
    stages,
    fmt,
    fillOpacity: (d) => (d.column === chosen || d.column === columns.at(-1) ? 1 : 0.35)
  });
}
