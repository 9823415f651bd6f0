/**
 * Customer accounts. An account's descriptive attributes are a pure function of (seed, index), so
 * they can be recomputed whenever needed instead of being kept; only what happens to it over time
 * (creation, owner, purchases) is stored, in typed arrays of a few bytes per account.
 */
import {person, type Person} from "./people.ts";
import {mixSeed, Random} from "../pipelines/stats/random.ts";
import {
  CONTACT_TITLES,
  CREDIT_RATINGS,
  INDUSTRIES,
  PROVINCES,
  SIZE_BANDS,
  TRADE_NAME_CHARS,
  type Team
} from "./reference-data.ts";
import {DAY} from "./time.ts";

const ACCOUNT_STREAM = 0xacc0;
const CONTACT_STREAM = 0xc0c0;

export interface Account {
  index: number;
  name: string;
  /** trade name plus the first word of the business, e.g. 恒达精密 */
  shortName: string;
  industry: string;
  province: string;
  city: string;
  sizeBand: string;
  employees: number;
  annualRevenue: number;
  creditRating: string;
  creditLogit: number;
  team: Team;
}

export function accountAt(seed: number, index: number): Account {
  const rng = new Random(mixSeed(seed, ACCOUNT_STREAM, index));
  const province = rng.weighted(PROVINCES, (p) => p.weight);
  const city = rng.pick(province.cities);
  const industry = rng.weighted(INDUSTRIES, (i) => i.weight);
  const suffix = rng.pick(industry.suffixes);
  const first = rng.pick(TRADE_NAME_CHARS);
  let second = rng.pick(TRADE_NAME_CHARS);
  while (second === first) second = rng.pick(TRADE_NAME_CHARS);
  const size = rng.weighted(SIZE_BANDS, (b) => b.weight);
  const employees = rng.int(size.employees[0], size.employees[1]);
  const credit = rng.weighted(CREDIT_RATINGS, (c) => c.weight);
  return {
    index,
    name: city + first + second + suffix,
    shortName: first + second + suffix.slice(0, 2),
    industry: industry.name,
    province: province.name,
    city,
    sizeBand: size.band,
    employees,
    annualRevenue: Math.round((employees * rng.uniform(0.3, 1.5) * 1_000_000) / 10_000) * 10_000,
    creditRating: credit.rating,
    creditLogit: credit.winLogit,
    team: employees >= 1000 ? "大客户部" : province.team
  };
}

export interface Contact extends Person {
  title: string;
  /** MM-DD */
  birthday: string;
}

/** 1–3 contacts; the first is the one who came in as the lead. */
export function contactsOf(seed: number, accountIndex: number): Contact[] {
  const rng = new Random(mixSeed(seed, CONTACT_STREAM, accountIndex));
  const count = rng.weighted([1, 2, 3], (n) => (n === 1 ? 4 : n === 2 ? 4 : 2));
  const contacts: Contact[] = [];
  for (let i = 0; i < count; i++) {
    const who = person(rng);
    const birthday = new Date(Date.UTC(2001, 0, 1) + rng.int(0, 364) * DAY).toISOString().slice(5, 10);
    contacts.push({...who, title: rng.pick(CONTACT_TITLES), birthday});
  }
  return contacts;
}

export function membershipTier(wonAmount: number): string {
  if (wonAmount >= 3_000_000) return "钻石";
  if (wonAmount >= 1_000_000) return "金卡";
  if (wonAmount >= 300_000) return "银卡";
  return "普通";
}

/** What happened to each account; bounded by the number of opportunities. */
export class AccountBook {
  count = 0;
  readonly createdAt: Float64Array;
  readonly owner: Uint16Array;
  readonly wonAmount: Float64Array;
  private readonly wonRing: Int32Array;
  private readonly wonRingFrom: Float64Array;
  private wonRingSize = 0;
  private wonRingNext = 0;

  constructor(capacity: number) {
    this.createdAt = new Float64Array(capacity);
    this.owner = new Uint16Array(capacity);
    this.wonAmount = new Float64Array(capacity);
    const ring = Math.min(262_144, Math.max(4096, Math.ceil(capacity / 8)));
    this.wonRing = new Int32Array(ring);
    this.wonRingFrom = new Float64Array(ring);
  }

  open(createdAt: number, owner: number): number {
    const index = this.count++;
    this.createdAt[index] = createdAt;
    this.owner[index] = owner;
    return index;
  }

  /** Remembers a recent win so the customer can come back for more. */
  recordWin(index: number, amount: number, closedAt: number): void {
    this.wonAmount[index] += amount;
    this.wonRing[this.wonRingNext] = index;
    this.wonRingFrom[this.wonRingNext] = closedAt;
    this.wonRingNext = (this.wonRingNext + 1) % this.wonRing.length;
    this.wonRingSize = Math.min(this.wonRing.length, this.wonRingSize + 1);
  }

  /** An existing account for a new opportunity created at `at`, or -1: mostly recent customers. */
  returning(rng: Random, at: number): number {
    if (this.wonRingSize > 0 && rng.chance(0.75)) {
      const slot = rng.int(0, this.wonRingSize - 1);
      if (this.wonRingFrom[slot] < at) return this.wonRing[slot];
    }
    if (this.count === 0) return -1;
    const index = rng.int(0, this.count - 1);
    return this.createdAt[index] < at - DAY ? index : -1;
  }
}
