/**
 * What happens to one opportunity: whether it is won, the stages it passes through and when, its
 * follow-up activities, and whether it is still open at the export. The odds of winning carry the
 * effects the analytics should find: channel, rep skill and specialty, following the follow-up plan,
 * returning customers, credit; the timing carries rep pace and the booking seasons.
 */
import type {Account} from "./accounts.ts";
import type {ChannelProfile} from "./channels.ts";
import {followUpPlan, followUps, type Activity, type Compliance} from "./follow-up-plan.ts";
import type {Rep} from "./people.ts";
import type {Random} from "../pipelines/stats/random.ts";
import {COMPETITORS, LOST_REASONS, LOST_REASON_WEIGHTS, type Product} from "./reference-data.ts";
import {civil, DAY, dayOf, inSpringFestival, localDay, officeTime, officeTimeAfter, springFestivalDay} from "./time.ts";

export type StageName = "potential" | "intent" | "negotiation" | "won" | "lost";
export type OpenStage = "potential" | "intent" | "negotiation";
export type Outcome = "open" | "won" | "lost";

export interface StageEntry {
  stage: StageName;
  at: number;
}

export interface StoryInput {
  created: number;
  asOf: number;
  channel: ChannelProfile;
  rep: Rep;
  account: Account;
  product: Product;
  amount: number;
  returning: boolean;
}

export interface Story {
  outcome: Outcome;
  compliance: Compliance;
  /** entries before the export, in order; the first is at creation */
  stages: StageEntry[];
  closedAt: number | undefined;
  /** as the export shows it: the planned close, or a later one where the deal is open and was overdue */
  expectedClose: number;
  /** the close the deal was planned for, before any move */
  plannedClose: number;
  lostReason: string;
  competitor: string;
  activities: Activity[];
}

/** What an export shows of a deal's progress at the moment it is taken. */
export interface DealState {
  stage: StageName;
  outcome: Outcome;
  amount: number;
  expectedClose: number;
  closedAt: number | undefined;
  lostReason: string;
}

const STAGE_MEDIAN_DAYS: Record<OpenStage, number> = {potential: 6, intent: 12, negotiation: 16};

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function winProbability(input: StoryInput, compliance: Compliance, competitor: boolean): number {
  const {channel, rep, account, product, amount, returning} = input;
  const logit =
    -0.45 +
    channel.winLogit +
    rep.skill +
    (rep.specialties.includes(account.industry) ? 0.9 : 0) +
    (compliance === "full" ? 0.7 : compliance === "none" ? -0.9 : 0) +
    (returning ? 0.5 : 0) +
    account.creditLogit +
    (competitor ? -0.3 : 0) -
    0.2 * Math.log(amount / product.median);
  return sigmoid(logit);
}

function pickCompliance(rep: Rep, rng: Random): Compliance {
  const r = rng.next();
  if (r < rep.diligence) return "full";
  return r < rep.diligence + 0.35 ? "partial" : "none";
}

/** Stage path from creation to the end, e.g. potential → intent → negotiation → won. */
function path(input: StoryInput, won: boolean, rng: Random): StageName[] {
  const stages: StageName[] = [rng.chance(input.channel.startsInIntent) ? "intent" : "potential"];
  let lostAt: OpenStage = "negotiation";
  if (!won) {
    const early = input.channel.winLogit < -1 ? 0.2 : 0;
    const r = rng.next();
    lostAt = r < 0.38 + early ? "potential" : r < 0.72 + early / 2 ? "intent" : "negotiation";
    if (lostAt === "potential" && stages[0] === "intent") lostAt = "intent";
  }
  if (lostAt !== "potential" && stages[0] === "potential" && !(lostAt === "negotiation" && rng.chance(0.12)))
    stages.push("intent");
  if (lostAt === "negotiation") {
    stages.push("negotiation");
    if (rng.chance(0.07)) stages.push("intent", "negotiation");
  }
  stages.push(won ? "won" : "lost");
  return stages;
}

/** Days spent in a stage before moving on; slower reps, bigger deals and some channels take longer. */
function stageDays(input: StoryInput, stage: OpenStage, revisit: boolean, last: boolean, rng: Random): number {
  const scale = input.rep.pace * input.channel.cycleFactor * Math.pow(input.amount / 200_000, 0.15);
  const median = revisit ? 7 : STAGE_MEDIAN_DAYS[stage] * (last ? 1.4 : 1);
  return Math.max(0.2, rng.logNormal(median * scale, 0.6));
}

/** Deals cluster before the year end and the half-year end; nothing gets signed over the Spring Festival. */
function seasonalClose(close: number, rng: Random): number {
  const day = localDay(close);
  const {year, month, day: dom} = civil(day);
  if (inSpringFestival(day)) return officeTime(springFestivalDay(year) + rng.int(25, 45), rng);
  if ((month === 9 || month === 10 || (month === 11 && dom <= 15)) && rng.chance(0.6))
    return officeTime(dayOf(year, 11, 20) + rng.int(0, 38), rng);
  if ((month === 5 || (month === 6 && dom < 15)) && rng.chance(0.5))
    return officeTime(dayOf(year, 6, 18) + rng.int(0, 12), rng);
  return close;
}

export function tellStory(input: StoryInput, rng: Random): Story {
  const {created, asOf} = input;
  const compliance = pickCompliance(input.rep, rng);
  const plan = followUpPlan(created, compliance, rng);
  const namedCompetitor = rng.chance(0.35);
  const won = rng.chance(winProbability(input, compliance, namedCompetitor));
  const stalled = rng.chance(0.03);
  const names = path(input, won, rng);

  const entries: StageEntry[] = [{stage: names[0], at: created}];
  let expectedDays = 0;
  for (let i = 1; i < names.length; i++) {
    const previous = names[i - 1] as OpenStage;
    const revisit = names.slice(0, i - 1).includes(previous);
    const days = stageDays(input, previous, revisit, i === names.length - 1 && !won, rng);
    expectedDays += revisit ? 0 : STAGE_MEDIAN_DAYS[previous];
    entries.push({stage: names[i], at: officeTimeAfter(entries[i - 1].at, days, rng)});
  }
  const closing = entries[entries.length - 1];
  if (won) {
    let close = seasonalClose(closing.at, rng);
    if (compliance === "full" && plan.second !== undefined)
      close = Math.max(close, plan.second + rng.uniform(1, 10) * DAY);
    closing.at = Math.max(close, entries[entries.length - 2].at + 3_600_000);
    closing.at -= closing.at % 1000;
  }

  if (stalled) entries.splice(rng.int(1, entries.length - 1));
  const visible = entries.filter((e) => e.at < asOf);
  const last = visible[visible.length - 1];
  const closed = last.stage === "won" || last.stage === "lost";
  const outcome: Outcome = closed ? (last.stage as Outcome) : "open";
  const closedAt = closed ? last.at : undefined;
  const activityEnd = closedAt ?? (stalled ? Math.min(asOf, last.at + rng.uniform(10, 40) * DAY) : asOf);

  const lostReason = outcome === "lost" ? lostReasonFor(names[names.length - 2] as OpenStage, rng) : "";
  const competitor = lostReason === "选择竞品" || (namedCompetitor && rng.chance(0.8)) ? rng.pick(COMPETITORS) : "";

  const plannedClose = created + expectedDays * input.rep.pace * rng.uniform(0.7, 1.4) * DAY + 10 * DAY;
  const expectedClose = outcome === "open" ? movedClose(plannedClose, asOf, rng) : plannedClose;

  return {
    outcome,
    compliance,
    stages: visible,
    closedAt,
    expectedClose,
    plannedClose,
    lostReason,
    competitor,
    activities: followUps(plan, created, activityEnd, input.product.name, rng)
  };
}

/** The expected close of a deal open at `at`: most owners move an overdue close to a date ahead of them. */
export function movedClose(planned: number, at: number, rng: Random): number {
  return planned < at && rng.chance(0.7) ? at + rng.uniform(5, 75) * DAY : planned;
}

function lostReasonFor(stage: OpenStage, rng: Random): string {
  const weights = LOST_REASON_WEIGHTS[stage];
  return rng.weighted(LOST_REASONS, (reason) => weights[LOST_REASONS.indexOf(reason)]);
}
