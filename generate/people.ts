/** People: fictional names, e-mail addresses and phone numbers, and the sales organisation. */
import {Random} from "../pipelines/stats/random.ts";
import {
  EMAIL_DOMAINS,
  GIVEN_NAME_CHARS,
  INDUSTRIES,
  PROVINCES,
  SIZE_BANDS,
  SURNAMES,
  TEAM_REGION,
  TEAMS,
  type Team
} from "./reference-data.ts";
import {DAY} from "./time.ts";
import {id, idWidth} from "./write-csv.ts";

export interface Person {
  name: string;
  email: string;
  phone: string;
}

export function personName(rng: Random): {name: string; pinyin: string} {
  const [surname, surnamePinyin] = rng.pick(SURNAMES);
  const [first, firstPinyin] = rng.pick(GIVEN_NAME_CHARS);
  if (rng.chance(0.3)) return {name: surname + first, pinyin: surnamePinyin + firstPinyin};
  const [second, secondPinyin] = rng.pick(GIVEN_NAME_CHARS);
  return {name: surname + first + second, pinyin: surnamePinyin + firstPinyin + secondPinyin};
}

export function person(rng: Random): Person {
  const {name, pinyin} = personName(rng);
  return {name, email: `${pinyin}${rng.int(1, 999)}@${rng.pick(EMAIL_DOMAINS)}`, phone: phoneNumber(rng)};
}

/** 138/139 00 plus six digits: the 13800000000 pattern, obviously fictional. */
export function phoneNumber(rng: Random): string {
  return `${rng.chance(0.6) ? "138" : "139"}00${String(rng.int(0, 999_999)).padStart(6, "0")}`;
}

export interface Rep {
  index: number;
  id: string;
  name: string;
  team: Team;
  region: string;
  managerId: string;
  hiredAt: number;
  specialties: string[];
  /** added to the log-odds of winning */
  skill: number;
  /** multiplies time in stage: below 1 is fast */
  pace: number;
  /** chance of following the follow-up plan fully */
  diligence: number;
}

/** About one rep per 190 opportunities, at least 8, at most 400. */
export function repCount(opportunities: number): number {
  return Math.min(400, Math.max(8, Math.round(opportunities / 190)));
}

const LARGE_ACCOUNT_SHARE = SIZE_BANDS.filter((b) => b.employees[0] >= 1000).reduce((s, b) => s + b.weight, 0) / 100;

/** Share of opportunities each team handles: large accounts go to 大客户部, the rest by province. */
export function teamShares(): Record<Team, number> {
  const total = PROVINCES.reduce((s, p) => s + p.weight, 0);
  const shares = {华东: 0, 华南: 0, 华北: 0, 西南: 0, 大客户部: LARGE_ACCOUNT_SHARE} as Record<Team, number>;
  for (const p of PROVINCES) shares[p.team] += (p.weight / total) * (1 - LARGE_ACCOUNT_SHARE);
  return shares;
}

function allocate(count: number): Record<Team, number> {
  const shares = teamShares();
  const seats = Object.fromEntries(TEAMS.map((t) => [t, Math.max(1, Math.floor(shares[t] * count))])) as Record<
    Team,
    number
  >;
  const byRemainder = [...TEAMS].sort((a, b) => shares[b] * count - seats[b] - (shares[a] * count - seats[a]));
  let left = count - TEAMS.reduce((s, t) => s + seats[t], 0);
  for (let i = 0; left > 0; i++, left--) seats[byRemainder[i % TEAMS.length]]++;
  return seats;
}

/** Evenly spread values, shuffled: guarantees that reps differ clearly even when there are few. */
function spread(rng: Random, count: number, low: number, high: number): number[] {
  const values = Array.from({length: count}, (_, i) =>
    count === 1 ? (low + high) / 2 : low + ((high - low) * i) / (count - 1)
  );
  return rng.shuffle(values);
}

export function buildReps(opportunities: number, historyStart: number, historyEnd: number, seed: number): Rep[] {
  const rng = new Random(seed);
  const count = repCount(opportunities);
  const seats = allocate(count);
  const width = idWidth(count, 3);
  const skills = spread(rng, count, -0.75, 0.75);
  const paces = spread(rng, count, 0.65, 1.5);
  const diligence = spread(rng, count, 0.2, 0.65);
  const names = new Set<string>();
  const reps: Rep[] = [];
  for (const team of TEAMS) {
    let leadId = "";
    for (let seat = 0; seat < seats[team]; seat++) {
      const index = reps.length;
      let name = personName(rng).name;
      while (names.has(name)) name = personName(rng).name;
      names.add(name);
      const repId = id("R", index + 1, width);
      const lead = seat === 0;
      const veteran = lead || rng.chance(0.7);
      const hiredAt = veteran
        ? historyStart - rng.uniform(lead ? 3 * 365 : 90, 8 * 365) * DAY
        : historyStart + rng.uniform(0.1, 0.7) * (historyEnd - historyStart);
      reps.push({
        index,
        id: repId,
        name,
        team,
        region: TEAM_REGION[team],
        managerId: lead ? "" : leadId,
        hiredAt: Math.floor(hiredAt / DAY) * DAY,
        specialties: pickSpecialties(rng),
        skill: skills[index],
        pace: paces[index],
        diligence: diligence[index]
      });
      if (lead) leadId = repId;
    }
  }
  return reps;
}

function pickSpecialties(rng: Random): string[] {
  const first = rng.weighted(INDUSTRIES, (i) => i.weight).name;
  if (rng.chance(0.5)) return [first];
  const second = rng.weighted(
    INDUSTRIES.filter((i) => i.name !== first),
    (i) => i.weight
  ).name;
  return [first, second];
}
