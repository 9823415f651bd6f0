import {FileAttachment} from "observablehq:stdlib";
import {cubeValues} from "./cube-filter.js";
import {repNames} from "./pivot-labels.js";

/** The cube's keys (data/cube-keys.json, a few kB): every value the filter bar offers, and the shard of each rep. */
export const CUBE_KEYS = FileAttachment("../data/cube-keys.json");

/** The filter bar's choices from the cube's keys: every value of each dimension, and the reps' names. */
export function cubeChoices(keys) {
  return {values: cubeValues(keys), names: Object.fromEntries(repNames(keys))};
}
