/**
 * Leads: the one an opportunity was converted from, and the leads of the same channel that never
 * converted, in the numbers that give each channel its conversion rate.
 */
import {accountAt, type Contact} from "./accounts.ts";
import {campaignName, type ChannelProfile} from "./channels.ts";
import {person, type Rep} from "./people.ts";
import type {Random} from "../pipelines/stats/random.ts";
import {civil, DAY, HOUR, localDay, localStamp, officeTime} from "./time.ts";
import {id, type CsvWriter} from "./write-csv.ts";

export const LEAD_HEADER = [
  "线索编号",
  "创建时间",
  "线索来源",
  "市场活动",
  "负责人",
  "线索状态",
  "转化时间",
  "转化商机编号",
  "客户编号",
  "线索评级",
  "公司名称",
  "联系人",
  "手机",
  "邮箱"
];

/** Index offset for companies that never became accounts, far above any account index. */
const PROSPECT_OFFSET = 2 ** 40;

export interface ConvertedLead {
  opportunityId: string;
  opportunityCreated: number;
  channel: ChannelProfile;
  campaign: string;
  rep: Rep;
  accountId: string;
  accountName: string;
  contact: Contact;
  /** reps of the team, who may own the unconverted leads once hired */
  teammates: readonly Rep[];
}

export function campaignFor(channel: ChannelProfile, at: number, rng: Random): string {
  const {year, month} = civil(localDay(at));
  return campaignName(rng.pick(channel.campaigns), year, month);
}

export class LeadWriter {
  count = 0;

  constructor(
    private readonly writer: CsvWriter,
    private readonly seed: number,
    private readonly historyStart: number,
    private readonly asOf: number,
    private readonly width: number,
    /** called with (channel, created) for every lead, to size the marketing spend */
    private readonly onLead: (channel: ChannelProfile, created: number) => void
  ) {}

  /** Writes the converted lead and its unconverted siblings; returns the converted lead's id. */
  write(lead: ConvertedLead, rng: Random): string {
    const lag = Math.floor(Math.max(HOUR, rng.logNormal(3, 1) * DAY) / 1000) * 1000;
    const created = Math.max(this.historyStart + 9 * HOUR, lead.rep.hiredAt, lead.opportunityCreated - lag);
    const leadId = this.nextId();
    this.onLead(lead.channel, created);
    const rating = rng.weighted(["A", "B", "C", "D"], (r) => ({A: 45, B: 35, C: 15, D: 5})[r] ?? 0);
    this.writer.write([
      leadId,
      localStamp(created),
      lead.channel.name,
      lead.campaign,
      lead.rep.name,
      "已转化",
      localStamp(lead.opportunityCreated),
      lead.opportunityId,
      lead.accountId,
      rating,
      lead.accountName,
      lead.contact.name,
      lead.contact.phone,
      lead.contact.email
    ]);
    const p = lead.channel.leadConversion;
    const unconverted = Math.min(19, rng.roundRandom((1 - p) / p));
    for (let i = 0; i < unconverted; i++) this.writeUnconverted(lead, rng);
    return leadId;
  }

  private writeUnconverted(lead: ConvertedLead, rng: Random): void {
    const day = localDay(lead.opportunityCreated) + rng.int(-45, 45);
    const created = Math.min(this.asOf - HOUR, Math.max(this.historyStart + HOUR, officeTime(day, rng)));
    const leadId = this.nextId();
    this.onLead(lead.channel, created);
    const age = (this.asOf - created) / DAY;
    const status =
      age < 14
        ? rng.chance(0.6)
          ? "新线索"
          : "跟进中"
        : age < 90
          ? rng.chance(0.5)
            ? "跟进中"
            : "无效"
          : rng.chance(0.85)
            ? "无效"
            : "跟进中";
    const company = accountAt(this.seed, PROSPECT_OFFSET + this.count).name;
    const who = person(rng);
    this.writer.write([
      leadId,
      localStamp(created),
      lead.channel.name,
      campaignFor(lead.channel, created, rng),
      this.ownerAt(lead.teammates, created, rng).name,
      status,
      "",
      "",
      "",
      rng.weighted(["A", "B", "C", "D"], (r) => ({A: 10, B: 25, C: 35, D: 30})[r] ?? 0),
      company,
      who.name,
      who.phone,
      who.email
    ]);
  }

  private ownerAt(teammates: readonly Rep[], at: number, rng: Random): Rep {
    const hired = teammates.filter((rep) => rep.hiredAt <= at);
    return hired.length > 0 ? rng.pick(hired) : teammates[0];
  }

  private nextId(): string {
    return id("L", ++this.count, this.width);
  }
}
