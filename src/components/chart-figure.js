/**
 * A chart with a title saying in words what it shows and a text alternative for screen readers
 * (`description`), e.g. chartFigure({title, description, plot: Plot.plot(…)}); `plot` may be a div of
 * several charts. Without data it shows `empty` instead of an empty frame. A chart drawn without a
 * description throws: a screen reader would read its title alone.
 */
export function chartFigure({title, description, plot, empty = null, note = null}) {
  if (!empty && (typeof description !== "string" || description.trim() === ""))
    throw new Error(`chartFigure requires a description of chart "${title}" for screen readers`);
  const figure = document.createElement("figure");
  figure.className = "chart";
  const heading = figure.appendChild(document.createElement("h3"));
  heading.textContent = title;
  if (empty) {
    figure.append(Object.assign(document.createElement("p"), {className: "muted", textContent: empty}));
    return figure;
  }
  // several charts in a div are one group; Plot wraps a chart with legends in a figure, the chart its last svg
  const tag = plot.tagName.toLowerCase();
  const labelled =
    tag === "svg" || tag === "div"
      ? plot
      : (plot.querySelector(":scope > svg:last-of-type") ?? plot.querySelector("svg"));
  if (labelled) {
    labelled.setAttribute("role", tag === "div" ? "group" : "img");
    labelled.setAttribute("aria-label", `${title}. ${description}`);
  }
  figure.append(plot);
  if (note) figure.append(Object.assign(document.createElement("figcaption"), {textContent: note}));
  return figure;
}
