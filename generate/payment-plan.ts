import type {Contract} from "./after-sale.ts";
import type {Random} from "../pipelines/stats/random.ts";

export interface Instalment {
  /** local day numbers */
  plannedDay: number;
  planned: number;
  receivedDay: number | undefined;
  received: number;
}

/**
 * A contract's payment plan (回款计划): all at the due date, or 30 % a week after signing and the rest at the due
 * date, or 30 / 60 and a 10 % warranty retention a year later. What the contract says was paid is spread over the
 * earliest instalments, so the plan reconciles with `paid_amount`; about one customer in five pays weeks late,
 * the others a few days early or late.
 */
export function paymentPlanFor(contract: Contract, today: number, rng: Random): Instalment[] {
  const {amount, signedDay, dueDay} = contract;
  const scheme = rng.weighted([0, 1, 2], (s) => [40, 40, 20][s]);
  const shares = [[1], [0.3, 0.7], [0.3, 0.6, 0.1]][scheme];
  const days = [[dueDay], [signedDay + 7, dueDay], [signedDay + 7, dueDay, dueDay + 365]][scheme];
  const latePayer = rng.chance(0.2);
  let left = contract.paid;
  let allotted = 0;
  return shares.map((share, i) => {
    const planned = i === shares.length - 1 ? amount - allotted : Math.round(amount * share);
    allotted += planned;
    const received = Math.min(left, planned);
    left -= received;
    if (received <= 0) return {plannedDay: days[i], planned, receivedDay: undefined, received: 0};
    const delay = latePayer ? rng.int(15, 75) : rng.int(-5, 10);
    const receivedDay = Math.max(signedDay, Math.min(today, days[i] + delay));
    return {plannedDay: days[i], planned, receivedDay, received};
  });
}
