/**
 * A chart with a title saying in words what it shows and a text alternative for screen readers
 * (`description`), e.g. chartFigure({title, description, plot: Plot.plot(…)}). Without data it shows
 * `empty` instead of an empty frame.
 */
export function chartFigure({title, description, plot, empty = null, note = null}) {
  const figure = document.createElement("figure");
  figure.className = "chart";
  const heading = figure.appendChild(document.createElement("h3"));
  heading.textContent = title;
  if (empty) {
    figure.append(Object.assign(document.createElement("p"), {className: "muted", textContent: empty}));
    return figure;
  }
  const svg = plot.tagName.toLowerCase() === "svg" ? plot : plot.querySelector("svg");
  if (svg) {
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", `${title}. ${description}`);
  }
  figure.append(plot);
  if (note) figure.append(Object.assign(document.createElement("figcaption"), {textContent: note}));
  return figure;
}
