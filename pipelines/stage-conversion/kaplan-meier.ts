/** Durations observed at one time: how many ended there (events) and how many were still running (censored). */
export interface SurvivalTime {
  time: number;
  events: number;
  censored: number;
}

/** Survival probabilities closer than this are equal — the tolerance R's quantile.survfit uses, √ machine ε. */
const TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * Quantiles of a duration from the Kaplan–Meier estimate of its survival curve, so that durations still
 * running (censored: an opportunity still in the stage today) count for the time they have lasted so far
 * instead of being dropped (which would make stages look shorter) or treated as ended today.
 *
 * S(t) = Π over event times tᵢ ≤ t of (1 − dᵢ / nᵢ), with dᵢ the events at tᵢ and nᵢ the durations still at
 * risk (time ≥ tᵢ; censored ones at tᵢ are at risk). The p-quantile is the first time where 1 − S(t) ≥ p;
 * where the curve sits exactly at 1 − p it is the midpoint between that time and the next drop (or the last
 * time observed) — the convention of R's `quantile(survfit(...))`. It is null when the curve never gets
 * that low (too many durations still running). Cost: one sort of the distinct times.
 *
 * Input grain: one element per distinct time (repeats are added up); output: one value per probability.
 *
 * @example
 * // R: quantile(survfit(Surv(c(2,3,3,5,6,8,9), c(1,1,0,1,0,1,1)) ~ 1), c(.5,.75,.9)) → 8 9 9
 * kaplanMeierQuantiles([{time: 2, events: 1, censored: 0}, {time: 3, events: 1, censored: 1}, …], [0.5, 0.75, 0.9])
 */
export function kaplanMeierQuantiles(times: SurvivalTime[], probabilities: number[]): (number | null)[] {
  const sorted = [...times].sort((a, b) => a.time - b.time);
  let atRisk = sorted.reduce((n, t) => n + t.events + t.censored, 0);
  const lastTime = sorted.length ? sorted[sorted.length - 1].time : 0;
  // the distinct steps of the cumulative failure 1 − S(t), each at the first time it is reached
  const steps: {time: number; failure: number}[] = [];
  let survival = 1;
  for (const {time, events, censored} of sorted) {
    if (events > 0 && atRisk > 0) {
      survival *= 1 - events / atRisk;
      steps.push({time, failure: 1 - survival});
    }
    atRisk -= events + censored;
  }
  return probabilities.map((p) => {
    const i = steps.findIndex((step) => step.failure >= p - TOLERANCE);
    if (i < 0) return null;
    if (Math.abs(steps[i].failure - p) >= TOLERANCE) return steps[i].time;
    const next = i + 1 < steps.length ? steps[i + 1].time : lastTime;
    return (steps[i].time + next) / 2;
  });
}
