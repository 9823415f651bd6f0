import {describe, expect, it} from "vitest";
import {pageHref} from "../../../src/components/filter-bar.js";

describe("pageHref(path, filter)", () => {
  const filter = {period: "ytd", team: [], region: [], channel: ["referral"], product: [], rep: []};

  it("adds the filter's query to a page", () => {
    expect(pageHref("./reps/R001.html", filter)).toBe("./reps/R001.html?period=ytd&channel=referral");
  });

  it("puts the query before an anchor, so the anchor still names a section", () => {
    expect(pageHref("./data-quality.html#stale", filter)).toBe("./data-quality.html?period=ytd&channel=referral#stale");
  });
});
