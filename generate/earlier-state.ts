/**
 * A deal as an export taken before the sample's own showed it, so that two exports of one company differ
 * the way a CRM's do from one week to the next: deals opened since are absent, deals closed since were
 * open, their stage was the one they were in then, and some amounts and expected closes were different.
 */
import {movedClose, type DealState, type Story} from "./opportunity-story.ts";
import type {Random} from "../pipelines/stats/random.ts";

/** Share of the deals open then whose amount has been revised since. */
const REVISED = 0.25;

/** The deal's state at the instant `at` (before the story's export); undefined when it was not created yet. */
export function earlierState(story: Story, amount: number, at: number, rng: Random): DealState | undefined {
  const seen = story.stages.filter((entry) => entry.at < at);
  if (seen.length === 0) return undefined;
  const {stage} = seen[seen.length - 1];
  if (stage === "won" || stage === "lost")
    return {
      stage,
      outcome: stage,
      amount,
      expectedClose: story.expectedClose,
      closedAt: seen[seen.length - 1].at,
      lostReason: story.lostReason
    };
  return {
    stage,
    outcome: "open",
    amount: rng.chance(REVISED) ? revisedAmount(amount, rng) : amount,
    expectedClose: movedClose(story.plannedClose, at, rng),
    closedAt: undefined,
    lostReason: ""
  };
}

/** The amount before a revision: most deals come down in negotiation, some grow in scope. */
function revisedAmount(amount: number, rng: Random): number {
  const factor = rng.chance(0.65) ? rng.uniform(1.05, 1.3) : rng.uniform(0.75, 0.95);
  return Math.max(8000, Math.round((amount * factor) / 1000) * 1000);
}
