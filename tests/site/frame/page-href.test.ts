import {describe, expect, it} from "vitest";
import {pageHref} from "../../../src/components/filter-bar.js";

describe("pageHref(path, filter)", () => {
  const filter = {period: "ytd", team: [], region: [], channel: ["referral"], product: [], rep: []};

  it("adds the filter's query to a page", () => {
    expect(pageHref("./channels/referral.html", filter)).toBe("./channels/referral.html?period=ytd&channel=referral");
  });

  it("keeps a page's own query ahead of the filter's", () => {
    expect(pageHref("./rep.html?id=R001", filter)).toBe("./rep.html?id=R001&period=ytd&channel=referral");
    expect(pageHref("./rep.html?id=R001#deals", filter)).toBe("./rep.html?id=R001&period=ytd&channel=referral#deals");
  });

  it("puts the query before an anchor, so the anchor still names a section", () => {
    expect(pageHref("./data-quality.html#stale", filter)).toBe("./data-quality.html?period=ytd&channel=referral#stale");
  });
});
