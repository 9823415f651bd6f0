/** Turns one opportunity's story into rows of opportunities, leads, stage_history, activities, quotes, contracts and tickets. */
import {accountAt, contactsOf, type Account, type AccountBook} from "./accounts.ts";
import {contractFor, quotesFor, ticketsFor, type Contract} from "./after-sale.ts";
import {CHANNELS, type ChannelProfile} from "./channels.ts";
import type {DirtyKind} from "./dirty-rows.ts";
import {campaignFor, type LeadWriter} from "./leads.ts";
import {earlierState} from "./earlier-state.ts";
import {tellStory, type DealState, type StageName, type Story} from "./opportunity-story.ts";
import {paymentPlanFor} from "./payment-plan.ts";
import type {Rep} from "./people.ts";
import {mixSeed, Random} from "../pipelines/stats/random.ts";
import {PRODUCTS, type Product, type Team} from "./reference-data.ts";
import {DAY, localDate, localDay, localMidnight, localStamp, utcStamp} from "./time.ts";
import {id, money, type CsvWriter} from "./write-csv.ts";

const OPPORTUNITY_STREAM = 0x0bb0;
const PAYMENT_STREAM = 0x9a7e;
const EARLIER_STREAM = 0xea41;

export const STAGE_LABELS: Record<StageName, string> = {
  potential: "潜在",
  intent: "意向",
  negotiation: "谈判",
  won: "成交",
  lost: "输单"
};
const OUTCOME_LABELS = {open: "进行中", won: "赢单", lost: "输单"} as const;
const SIZE_FACTOR: Record<string, number> = {
  "1-49": 0.45,
  "50-199": 0.75,
  "200-999": 1.1,
  "1000-4999": 1.7,
  "5000+": 2.6
};

export interface Writers {
  opportunities: CsvWriter;
  stageHistory: CsvWriter;
  activities: CsvWriter;
  quotes: CsvWriter;
  contracts: CsvWriter;
  /** the payment plans of the contracts, drawn from their own stream so the other files do not change with it */
  payments?: CsvWriter;
  tickets: CsvWriter;
}

export interface RunContext {
  seed: number;
  asOf: number;
  reps: readonly Rep[];
  teams: Record<Team, Rep[]>;
  book: AccountBook;
  writers: Writers;
  leads: LeadWriter;
  /** positions of dirty rows, when dirty rows are wanted */
  dirty: Map<DirtyKind, Set<number>> | undefined;
  widths: {opportunity: number; account: number; activity: number; quote: number; contract: number; ticket: number};
  /** won amount per rep index, for quotas */
  wonByRep: Float64Array;
  /** an earlier export to write too: its instant and its opportunities file */
  earlier?: {at: number; opportunities: CsvWriter};
}

export class OpportunityWriter {
  private activityCount = 0;
  private quoteCount = 0;
  private contractCount = 0;
  private ticketCount = 0;

  constructor(private readonly ctx: RunContext) {}

  add(index: number, created: number): void {
    const {ctx} = this;
    const rng = new Random(mixSeed(ctx.seed, OPPORTUNITY_STREAM, index));
    const channel = rng.weighted(CHANNELS, (c) => c.share);
    const hasLead = rng.chance(channel.fromLead);
    const existing = rng.chance(0.3) ? ctx.book.returning(rng, created) : -1;
    const returning = existing >= 0;
    const accountIndex = returning ? existing : ctx.book.count;
    const account = accountAt(ctx.seed, accountIndex);
    const owner = returning ? ctx.reps[ctx.book.owner[accountIndex]] : undefined;
    const rep = owner && rng.chance(0.8) ? owner : this.assign(account, created, rng);
    if (!returning) {
      const opened = hasLead ? created - rng.int(60, 1800) * 1000 : created - rng.int(1, 90) * DAY;
      ctx.book.open(opened, rep.index);
    }
    const product = rng.weighted(PRODUCTS, (p) => (p.industries.includes(account.industry) ? 4 : 1));
    const amount = dealAmount(product, account, channel, rng);
    const story = tellStory({created, asOf: ctx.asOf, channel, rep, account, product, amount, returning}, rng);

    const opportunityId = id("O", index + 1, ctx.widths.opportunity);
    const accountId = id("A", accountIndex + 1, ctx.widths.account);
    const campaign = campaignFor(channel, created, rng);
    const leadId = hasLead
      ? ctx.leads.write(
          {
            opportunityId,
            opportunityCreated: created,
            channel,
            campaign,
            rep,
            accountId,
            accountName: account.name,
            contact: contactsOf(ctx.seed, accountIndex)[0],
            teammates: ctx.teams[rep.team]
          },
          rng
        )
      : "";

    const margin = Math.round(Math.min(0.8, Math.max(0.1, product.margin + rng.normal(0, 0.05))) * 100);
    const row = (state: DealState) => [
      opportunityId,
      `${account.shortName}${product.name}项目`,
      accountId,
      account.name,
      leadId,
      channel.name,
      campaign,
      rep.name,
      product.name,
      money(state.amount),
      "CNY",
      `${margin}%`,
      STAGE_LABELS[state.stage],
      OUTCOME_LABELS[state.outcome],
      localStamp(created),
      localDate(state.expectedClose),
      state.closedAt === undefined ? "" : localStamp(state.closedAt),
      state.lostReason,
      story.competitor
    ];
    this.writeOpportunity(
      index + 1,
      row({
        stage: story.stages[story.stages.length - 1].stage,
        outcome: story.outcome,
        amount,
        expectedClose: story.expectedClose,
        closedAt: story.closedAt,
        lostReason: story.lostReason
      })
    );
    if (ctx.earlier) {
      // a stream of its own: the sample's files are the same with or without the earlier export
      const then = earlierState(story, amount, ctx.earlier.at, new Random(mixSeed(ctx.seed, EARLIER_STREAM, index)));
      if (then) ctx.earlier.opportunities.write(row(then));
    }
    for (const entry of story.stages) ctx.writers.stageHistory.write([opportunityId, entry.stage, utcStamp(entry.at)]);
    this.writeActivities(story, opportunityId, accountId, rep);
    this.writeAfterSale(story, opportunityId, accountId, accountIndex, amount, rep, rng);
  }

  /** A rep of the account's team already hired, preferring those who specialise in its industry. */
  private assign(account: Account, created: number, rng: Random): Rep {
    const team = this.ctx.teams[account.team];
    const hired = team.filter((rep) => rep.hiredAt <= created);
    if (hired.length === 0) return team[0];
    return rng.weighted(hired, (rep) => (rep.specialties.includes(account.industry) ? 3 : 1));
  }

  private writeOpportunity(position: number, row: string[]): void {
    const {writers, dirty} = this.ctx;
    if (dirty?.get("amount")?.has(position)) row[9] = "待定";
    if (dirty?.get("stage")?.has(position)) row[12] = "暂停";
    if (dirty?.get("created")?.has(position)) row[14] = "2024-13-45 10:00:00";
    writers.opportunities.write(row);
    if (dirty?.get("duplicate")?.has(position)) {
      const copy = [...row];
      copy[1] = row[1].replace(/项目$/, "采购项目");
      writers.opportunities.write(copy);
    }
  }

  private writeActivities(story: Story, opportunityId: string, accountId: string, rep: Rep): void {
    const {writers, dirty, widths} = this.ctx;
    for (const activity of story.activities) {
      const position = ++this.activityCount;
      const at = dirty?.get("activityTime")?.has(position) ? "" : localStamp(activity.at);
      writers.activities.write([
        id("ACT", position, widths.activity),
        opportunityId,
        accountId,
        rep.name,
        activity.type,
        at,
        activity.result,
        activity.content
      ]);
    }
  }

  private writeAfterSale(
    story: Story,
    opportunityId: string,
    accountId: string,
    accountIndex: number,
    amount: number,
    rep: Rep,
    rng: Random
  ): void {
    const {writers, dirty, widths, asOf} = this.ctx;
    for (const quote of quotesFor(story, amount, asOf, rng)) {
      const position = ++this.quoteCount;
      const written = dirty?.get("quoteAmount")?.has(position) ? "n/a" : money(quote.amount);
      writers.quotes.write([
        id("Q", position, widths.quote),
        opportunityId,
        written,
        "CNY",
        quote.discount.toFixed(2),
        utcStamp(quote.at),
        quote.status
      ]);
    }
    if (story.outcome !== "won" || story.closedAt === undefined) return;
    this.ctx.book.recordWin(accountIndex, amount, story.closedAt);
    this.ctx.wonByRep[rep.index] += amount;
    const contract = contractFor(amount, story.closedAt, asOf, rng);
    writers.contracts.write([
      id("K", ++this.contractCount, widths.contract),
      opportunityId,
      accountId,
      money(contract.amount),
      "CNY",
      localDate(localMidnight(contract.signedDay)),
      contract.status,
      money(contract.paid),
      localDate(localMidnight(contract.dueDay))
    ]);
    if (writers.payments) this.writePaymentPlan(contract);
    for (const ticket of ticketsFor(story.closedAt, asOf, rng)) {
      writers.tickets.write([
        id("T", ++this.ticketCount, widths.ticket),
        accountId,
        ticket.category,
        utcStamp(ticket.opened),
        ticket.resolved === undefined ? "" : utcStamp(ticket.resolved),
        ticket.satisfaction ?? ""
      ]);
    }
  }

  private writePaymentPlan(contract: Contract): void {
    const {ctx} = this;
    const contractId = id("K", this.contractCount, ctx.widths.contract);
    const rng = new Random(mixSeed(ctx.seed, PAYMENT_STREAM, this.contractCount));
    paymentPlanFor(contract, localDay(ctx.asOf), rng).forEach((line, i) => {
      ctx.writers.payments!.write([
        `${contractId}-${i + 1}`,
        contractId,
        localDate(localMidnight(line.plannedDay)),
        money(line.planned),
        line.receivedDay === undefined ? "" : localDate(localMidnight(line.receivedDay)),
        line.receivedDay === undefined ? "" : money(line.received),
        "CNY"
      ]);
    });
  }
}

function dealAmount(product: Product, account: Account, channel: ChannelProfile, rng: Random): number {
  const size = SIZE_FACTOR[account.sizeBand] ?? 1;
  const raw = rng.logNormal(product.median * size * channel.amountFactor, 0.45);
  return Math.max(8000, Math.round(raw / 1000) * 1000);
}
