import {describe, expect, it} from "vitest";
import {slicePicker} from "../../../src/components/slice-picker.js";

const none = {team: [], region: [], channel: [], product: [], rep: []};
const t = (key: string) => key;
const [all, east, referral, nowAll, nowReferral] = ["all", "east", "referral", "now all", "now referral"].map(
  (name) => ({name})
);
const data = {slices: {"ytd|all": all, "ytd|team=华东": east, "ytd|channel=referral": referral}};
// a second part of the page, precomputed for fewer choices
const now = {slices: {"*|all": nowAll, "*|channel=referral": nowReferral}};

describe("slicePicker(data, filter, t)", () => {
  it("picks the exact slices of a precomputed filter and labels nothing", () => {
    const {combined, choice, pick, shownFor} = slicePicker(data, {...none, period: "ytd", team: ["华东"]}, t);
    expect([combined, choice, pick(data), pick(now), shownFor()]).toEqual([false, null, east, undefined, ""]);
  });

  it("picks the nearest precomputed slice of a combination, the same choice for every part of the page", () => {
    const filter = {...none, period: "ytd", team: ["华东"], channel: ["referral"], product: ["CRM"]};
    const {combined, choice, pick} = slicePicker(data, filter, t);
    expect([combined, choice]).toEqual([true, {dimension: "team", value: "华东"}]);
    // the part without the team's slice has none, rather than another choice's under the same label
    expect([pick(data), pick(now)]).toEqual([east, undefined]);
  });

  it("falls back to all for a combination of values no slice precomputes", () => {
    const {choice, pick} = slicePicker(data, {...none, period: "ytd", product: ["CRM"], rep: ["R001"]}, t);
    expect([choice, pick(data), pick(now)]).toEqual([null, all, nowAll]);
  });
});
