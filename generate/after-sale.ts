/** Quotes for opportunities that reached negotiation, contracts and payments for won ones, service tickets after the sale. */
import type {Story} from "./opportunity-story.ts";
import type {Random} from "../pipelines/stats/random.ts";
import {DAY, localDay, officeTimeAfter} from "./time.ts";

export interface Quote {
  amount: number;
  discount: number;
  at: number;
  status: "draft" | "sent" | "accepted" | "rejected" | "expired";
}

export interface Contract {
  amount: number;
  /** local day number of signature */
  signedDay: number;
  dueDay: number;
  paid: number;
  status: "active" | "completed";
}

export type TicketCategory = "complaint" | "repair" | "inquiry";

export interface Ticket {
  category: TicketCategory;
  opened: number;
  resolved: number | undefined;
  satisfaction: number | undefined;
}

/** 1–3 quotes from negotiation on, each with a bigger discount; a won deal's last quote is its amount. */
export function quotesFor(story: Story, amount: number, asOf: number, rng: Random): Quote[] {
  const negotiation = story.stages.find((e) => e.stage === "negotiation");
  if (!negotiation) return [];
  const end = story.closedAt ?? asOf;
  const count = 1 + (rng.chance(0.4) ? 1 : 0) + (rng.chance(0.15) ? 1 : 0);
  const finalDiscount = Math.round(rng.uniform(0.02, 0.3) * 100) / 100;
  const list = amount / (1 - finalDiscount);
  const quotes: Quote[] = [];
  let at = officeTimeAfter(negotiation.at, rng.uniform(0, 3), rng);
  if (at >= end) at = negotiation.at + Math.floor((end - negotiation.at) / 2000) * 1000;
  for (let i = 0; i < count && at < end; i++) {
    const discount = i === count - 1 ? finalDiscount : Math.round(finalDiscount * rng.uniform(0.2, 0.8) * 100) / 100;
    quotes.push({amount: Math.round(list * (1 - discount) * 100) / 100, discount, at, status: "rejected"});
    at = officeTimeAfter(at, rng.uniform(3, 12), rng);
  }
  if (quotes.length === 0) return quotes;
  const last = quotes[quotes.length - 1];
  if (story.outcome === "won") {
    last.status = "accepted";
    last.amount = amount;
  } else if (story.outcome === "open") {
    last.status = asOf - last.at < 3 * DAY ? "draft" : asOf - last.at > 60 * DAY ? "expired" : "sent";
  }
  for (const quote of quotes.slice(0, -1)) if (rng.chance(0.3)) quote.status = "expired";
  return quotes;
}

export function contractFor(amount: number, signedAt: number, asOf: number, rng: Random): Contract {
  const signedDay = localDay(signedAt);
  const dueDay = signedDay + rng.pick([30, 60, 60, 90]);
  const today = localDay(asOf);
  let paid: number;
  if (dueDay < today) {
    const r = rng.next();
    paid = r < 0.78 ? amount : r < 0.93 ? Math.round(amount * rng.uniform(0.3, 0.9)) : 0;
  } else {
    paid = rng.chance(0.5) ? 0 : Math.round(amount * 0.3);
  }
  return {amount, signedDay, dueDay, paid, status: paid >= amount ? "completed" : "active"};
}

const SATISFACTION_BASE: Record<TicketCategory, number> = {complaint: 2.2, repair: 3.9, inquiry: 4.4};
const RESOLUTION_MEDIAN_HOURS: Record<TicketCategory, number> = {complaint: 96, repair: 72, inquiry: 6};

/** Service tickets a customer opens after signing. */
export function ticketsFor(signedAt: number, asOf: number, rng: Random): Ticket[] {
  const count = rng.weighted([0, 1, 2, 3], (n) => [35, 35, 20, 10][n]);
  const tickets: Ticket[] = [];
  for (let i = 0; i < count; i++) {
    const opened = officeTimeAfter(signedAt, rng.uniform(5, 420), rng);
    if (opened >= asOf) continue;
    const category = rng.weighted(["complaint", "repair", "inquiry"] as TicketCategory[], (c) =>
      c === "complaint" ? 20 : c === "repair" ? 35 : 45
    );
    const hours = Math.max(0.25, rng.logNormal(RESOLUTION_MEDIAN_HOURS[category], 0.7));
    let resolved: number | undefined = opened + Math.round(hours * 3600) * 1000;
    if (resolved >= asOf || rng.chance(0.02)) resolved = undefined;
    const score = SATISFACTION_BASE[category] - (0.15 * hours) / 24 + rng.normal(0, 0.6);
    const satisfaction = resolved === undefined ? undefined : Math.min(5, Math.max(1, Math.round(score)));
    tickets.push({category, opened, resolved, satisfaction});
  }
  return tickets.sort((a, b) => a.opened - b.opened);
}
