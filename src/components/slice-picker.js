import {shownForNote} from "./shown-for.js";
import {nearestSlice, pickSlice, slicedChoice} from "./slices.js";

/**
 * How a page picks its precomputed slices for a filter: `pick(slices)` gives the exact slice where a loader
 * precomputes the filter; for any other filter (`combined`) the nearest precomputed one (nearestSlice of
 * `data`), the same `choice` for every part of the page, which each section shown from it labels with
 * `shownFor()` ("" for a precomputed filter).
 *
 * @example
 * const {pick, shownFor} = slicePicker(data, filter, t);
 * const slice = pick(data);
 * const now = pick(data.now);
 */
export function slicePicker(data, filter, t) {
  const combined = slicedChoice(filter) === undefined;
  const choice = combined ? nearestSlice(data, filter).choice : null;
  const near = choice === null ? {period: filter.period} : {period: filter.period, [choice.dimension]: [choice.value]};
  return {
    combined,
    choice,
    pick: (slices) => pickSlice(slices, combined ? near : filter),
    shownFor: () => (combined ? shownForNote(choice, t) : "")
  };
}
