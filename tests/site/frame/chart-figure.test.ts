import {describe, expect, it} from "vitest";
import {chartFigure} from "../../../src/components/chart-figure.js";

describe("chartFigure({title, description, plot, empty})", () => {
  it("refuses a drawn chart without a description, naming the chart", () => {
    const plot = {tagName: "svg"};
    expect(() => chartFigure({title: "Won revenue by month", description: undefined, plot})).toThrow(
      'chartFigure requires a description of chart "Won revenue by month" for screen readers'
    );
    expect(() => chartFigure({title: "Win rate", description: "  ", plot})).toThrow(/chart "Win rate"/);
  });
});
