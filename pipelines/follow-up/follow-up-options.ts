import type {PipelineContext} from "../lib/context.ts";

/**
 * The follow-up plan of docs/method.md §5, as thresholds (inclusive bounds). Every follow-up pipeline
 * takes a partial override, e.g. `{firstContactHours: 48}` for a company that allows two days.
 */
export interface FollowUpOptions {
  /** first contact at most this many hours after the opportunity was created (24) */
  firstContactHours: number;
  /** materials sent between these many days after the first contact (3–5) */
  materialsMinDays: number;
  materialsMaxDays: number;
  /** second contact between these many days after the materials (7–10) */
  secondContactMinDays: number;
  secondContactMaxDays: number;
  /** an open opportunity is overdue when nobody touched it for this many days (14) */
  overdueDays: number;
  /** an open opportunity nobody touched for this many days is stale: a record to clean, not a task (90) */
  staleSilentDays: number;
  /** an open opportunity this many days past its expected close is stale too (60) */
  stalePastCloseDays: number;
}

export const DEFAULT_FOLLOW_UP_OPTIONS: Readonly<FollowUpOptions> = {
  firstContactHours: 24,
  materialsMinDays: 3,
  materialsMaxDays: 5,
  secondContactMinDays: 7,
  secondContactMaxDays: 10,
  overdueDays: 14,
  staleSilentDays: 90,
  stalePastCloseDays: 60
};

/** The defaults with `options` applied, checked: every threshold a non-negative number, each min ≤ its max. */
export function followUpOptions(options: Partial<FollowUpOptions> = {}): FollowUpOptions {
  const resolved = {...DEFAULT_FOLLOW_UP_OPTIONS, ...options};
  for (const [key, value] of Object.entries(resolved)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new Error(`follow-up option ${key} must be a non-negative number, got ${String(value)}`);
    }
  }
  if (resolved.materialsMinDays > resolved.materialsMaxDays) {
    throw new Error("follow-up option materialsMinDays must not exceed materialsMaxDays");
  }
  if (resolved.secondContactMinDays > resolved.secondContactMaxDays) {
    throw new Error("follow-up option secondContactMinDays must not exceed secondContactMaxDays");
  }
  return resolved;
}

/** The bound parameters every follow-up query uses: period, now and the plan's thresholds. */
export function followUpParams(ctx: PipelineContext, options: FollowUpOptions) {
  return {
    period_start: ctx.period.start,
    period_end: ctx.period.end,
    now: ctx.now,
    first_contact_hours: options.firstContactHours,
    materials_min_days: options.materialsMinDays,
    materials_max_days: options.materialsMaxDays,
    second_contact_min_days: options.secondContactMinDays,
    second_contact_max_days: options.secondContactMaxDays
  };
}
