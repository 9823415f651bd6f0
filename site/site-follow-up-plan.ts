import {followUpOptions, type FollowUpOptions} from "../pipelines/follow-up/follow-up-options.ts";

/** The variable the build hands the project configuration's `followUp` to the page data in (JSON). */
export const FOLLOW_UP_VARIABLE = "SHANGJI_FOLLOW_UP";

/** The site's follow-up plan and stale limits: the project configuration's `followUp` over the defaults. */
export function siteFollowUpPlan(value = process.env[FOLLOW_UP_VARIABLE]): FollowUpOptions {
  return followUpOptions(value ? (JSON.parse(value) as Partial<FollowUpOptions>) : {});
}
