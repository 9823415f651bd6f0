import {displayName} from "./display-names.js";

/** "Not computable for this combination; shown for Team 华东." — the precomputed slice a figure stands in from. */
export function shownForText(choice, t) {
  const name =
    choice === null
      ? t("filter.shownForAll")
      : `${t(`filter.${choice.dimension}`)} ${choice.dimension === "channel" ? displayName(t, "channel", choice.value) : choice.value}`;
  return t("filter.shownFor", {choice: name});
}

/** The label of a section or table shown from the nearest precomputed slice. */
export function shownForNote(choice, t) {
  const p = document.createElement("p");
  p.className = "muted computed-note shown-for";
  p.textContent = shownForText(choice, t);
  return p;
}

/** The note of figures the cube computed for the filter's combination. */
export function computedNote(t) {
  const p = document.createElement("p");
  p.className = "muted computed-note";
  p.textContent = t("filter.computed");
  return p;
}

/** The note of a view whose combination needs more of the cube than a page loads (cubeLoader gave null): narrow it. */
export function narrowNote(t) {
  const p = document.createElement("p");
  p.className = "empty-state";
  p.textContent = t("filter.narrow");
  return p;
}

/** Adds the "shown for" label to a headline tile whose figure comes from the nearest precomputed slice. */
export function markTile(tile, choice, t) {
  const line = tile.appendChild(document.createElement("div"));
  line.className = "muted computed-note shown-for";
  line.textContent = shownForText(choice, t);
  return tile;
}
