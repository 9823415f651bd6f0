import {describe, expect, it} from "vitest";
import {readProjectConfig} from "../../config/project-config.ts";
import {siteFollowUpPlan} from "../../site/site-follow-up-plan.ts";
import {tempDir, writeFile} from "../ingest/temp-warehouse.ts";

const configWith = (config: object) =>
  readProjectConfig(writeFile(tempDir(), "shangji.config.json", JSON.stringify(config)));

describe("siteFollowUpPlan(value)", () => {
  it("is the plan of 24 hours, 3–5 days, 7–10 days, a check-in after 14 days, stale at 90 silent or 60 past close", () => {
    expect(siteFollowUpPlan(undefined)).toEqual({
      firstContactHours: 24,
      materialsMinDays: 3,
      materialsMaxDays: 5,
      secondContactMinDays: 7,
      secondContactMaxDays: 10,
      overdueDays: 14,
      staleSilentDays: 90,
      stalePastCloseDays: 60
    });
  });

  it("takes the project configuration's followUp over the defaults", () => {
    const {followUp} = configWith({followUp: {staleSilentDays: 120, stalePastCloseDays: 30}});
    expect(followUp).toEqual({staleSilentDays: 120, stalePastCloseDays: 30});
    expect(siteFollowUpPlan(JSON.stringify(followUp))).toMatchObject({
      overdueDays: 14,
      staleSilentDays: 120,
      stalePastCloseDays: 30
    });
  });

  it("refuses a key the plan does not have", () => {
    expect(() => configWith({followUp: {staleDays: 90}})).toThrow(/followUp: Unrecognized key/);
  });
});
