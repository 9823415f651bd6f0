/**
 * Writes a realistic, deterministic sample CRM export: a fictional Chinese industrial-software
 * company's three years of leads, accounts, opportunities and what followed. Rows are streamed, so a
 * million opportunities fit in bounded memory. See DESIGN.md for the tables and metrics.
 */
import {mkdir, writeFile} from "node:fs/promises";
import {join} from "node:path";
import {FOLDER_MAPPING} from "../loaders/ingest/find-export-files.ts";
import {AccountBook, accountAt, contactsOf, membershipTier} from "./accounts.ts";
import {CreationCalendar} from "./creation-calendar.ts";
import {dirtyPositions, dirtyRowsFor, idWidths, type DirtyRow} from "./dirty-rows.ts";
import {LEAD_HEADER, LeadWriter} from "./leads.ts";
import {LeadTally, MonthIndex, writeMarketingSpend, writeQuotas} from "./monthly-files.ts";
import {OpportunityWriter} from "./opportunity-rows.ts";
import {buildReps, type Rep} from "./people.ts";
import {mixSeed, Random} from "../pipelines/stats/random.ts";
import {TEAMS, type Team} from "./reference-data.ts";
import {civil, dayOf, localDate, localDay, localMidnight, localStamp, parseLocalDate} from "./time.ts";
import {CsvWriter, id, idWidth, money, type Encoding} from "./write-csv.ts";

export {CHANNELS, type ChannelProfile} from "./channels.ts";
export {DIRTY_ROWS, dirtyRowsFor, type DirtyRow} from "./dirty-rows.ts";

export interface GenerateOptions {
  out: string;
  /** default 1500 */
  opportunities?: number;
  /** default 42 */
  seed?: number;
  /** the export date (ISO); history runs three years before it. Default 2026-11-20 */
  asOf?: string;
  /** include a handful of invalid rows for ingest to quarantine; default true */
  dirty?: boolean;
  /**
   * also write the opportunities export of the same company as it stood at an earlier date (ISO) into
   * another folder, for ingest before the sample: what changed between the two is the pipeline's churn
   */
  earlier?: {out: string; asOf: string};
}

export interface GenerateResult {
  files: {file: string; rows: number; encoding: "utf-8" | "gbk"}[];
  /** the invalid rows written (empty when dirty is false) */
  dirtyRows: DirtyRow[];
  /** the earlier export's files, when one was asked for (its rows are all valid) */
  earlierFiles?: {file: string; rows: number; encoding: "utf-8" | "gbk"}[];
}

export const HEADERS = {
  "opportunities.csv": [
    "商机编号",
    "商机名称",
    "客户编号",
    "客户名称",
    "线索编号",
    "线索来源",
    "市场活动",
    "负责人",
    "产品",
    "金额",
    "币种",
    "预计毛利率",
    "阶段",
    "商机状态",
    "创建时间",
    "预计成交日期",
    "结束时间",
    "输单原因",
    "竞争对手"
  ],
  "leads.csv": LEAD_HEADER,
  "accounts.csv": [
    "客户编号",
    "客户名称",
    "行业",
    "规模",
    "员工人数",
    "年营业额",
    "省份",
    "城市",
    "信用等级",
    "创建时间",
    "负责人",
    "会员等级",
    "积分"
  ],
  "activities.csv": ["跟进编号", "商机编号", "客户编号", "负责人", "跟进方式", "跟进时间", "跟进结果", "跟进内容"],
  "reps.csv": ["rep_id", "name", "team", "region", "manager_id", "hired_at", "specialties"],
  "contacts.csv": ["contact_id", "account_id", "name", "title", "birthday", "email", "phone"],
  "stage_history.csv": ["opportunity_id", "stage", "entered_at"],
  "quotes.csv": ["quote_id", "opportunity_id", "amount", "currency", "discount", "created_at", "status"],
  "contracts.csv": [
    "contract_id",
    "opportunity_id",
    "account_id",
    "amount",
    "currency",
    "signed_at",
    "status",
    "paid_amount",
    "due_at"
  ],
  "payments.csv": ["回款计划编号", "合同编号", "计划回款日期", "计划回款金额", "实际回款日期", "实际回款金额", "币种"],
  "tickets.csv": ["ticket_id", "account_id", "category", "opened_at", "resolved_at", "satisfaction"],
  "marketing_spend.csv": ["channel", "month", "cost", "currency"],
  "quotas.csv": ["rep_id", "month", "quota", "currency"]
} as const;

export type SampleFile = keyof typeof HEADERS;

/** Chinese-header files are GBK, as Chinese CRMs export them for Excel; the rest are UTF-8. */
export const GBK_FILES: readonly SampleFile[] = ["opportunities.csv", "leads.csv", "accounts.csv", "activities.csv"];

const REPS_STREAM = 0x4e95;
const ORDER_STREAM = 0x0dde;
const FLUSH_EVERY = 64;

export async function generateSample(options: GenerateOptions): Promise<GenerateResult> {
  const n = options.opportunities ?? 1500;
  if (!Number.isInteger(n) || n < 1) throw new Error(`opportunities must be a positive integer, got ${n}`);
  const seed = (options.seed ?? 42) >>> 0;
  const asOf = parseLocalDate(options.asOf ?? "2026-11-20");
  const endDay = localDay(asOf);
  const {year, month, day} = civil(endDay);
  const startDay = dayOf(year - 3, month, day);
  const historyStart = localMidnight(startDay);
  const earlier = options.earlier && (await openEarlier(options.earlier, historyStart, asOf));
  await mkdir(options.out, {recursive: true});

  const open = (file: SampleFile) => {
    const encoding: Encoding = GBK_FILES.includes(file) ? "gbk" : "utf-8";
    return new CsvWriter(join(options.out, file), file, HEADERS[file], encoding);
  };
  const writers = {
    opportunities: open("opportunities.csv"),
    leads: open("leads.csv"),
    stageHistory: open("stage_history.csv"),
    activities: open("activities.csv"),
    quotes: open("quotes.csv"),
    contracts: open("contracts.csv"),
    payments: open("payments.csv"),
    tickets: open("tickets.csv")
  };
  const all: CsvWriter[] = Object.values(writers);
  const flushAll = () => Promise.all(all.map((w) => w.flush()));

  const reps = buildReps(n, historyStart, asOf, mixSeed(seed, REPS_STREAM));
  const teams = Object.fromEntries(TEAMS.map((t) => [t, reps.filter((r) => r.team === t)])) as Record<Team, Rep[]>;
  const months = new MonthIndex(historyStart);
  const monthCount = months.of(asOf - 1) + 1;
  const tally = new LeadTally(months, monthCount);
  const book = new AccountBook(n);
  const wonByRep = new Float64Array(reps.length);
  const widths = {
    ...idWidths(n),
    account: idWidth(n, 5),
    contract: idWidth(n, 6),
    ticket: idWidth(n * 3, 6)
  };
  const leads = new LeadWriter(writers.leads, seed, historyStart, asOf, idWidth(n * 20, 6), (channel, at) =>
    tally.add(channel, at)
  );
  const dirty = options.dirty === false ? undefined : dirtyPositions(n);
  const opportunities = new OpportunityWriter({
    seed,
    asOf,
    reps,
    teams,
    book,
    writers,
    leads,
    dirty,
    widths,
    wonByRep,
    earlier
  });

  const calendar = new CreationCalendar(startDay, endDay, n);
  const order = new Random(mixSeed(seed, ORDER_STREAM));
  for (let i = 0; i < n; i++) {
    opportunities.add(i, calendar.next(i, order));
    if (i % FLUSH_EVERY === FLUSH_EVERY - 1) await Promise.all([flushAll(), earlier?.opportunities.flush()]);
  }

  const accounts = open("accounts.csv");
  const contacts = open("contacts.csv");
  all.push(accounts, contacts);
  let contactCount = 0;
  const contactWidth = idWidth(book.count * 3, 5);
  for (let a = 0; a < book.count; a++) {
    const account = accountAt(seed, a);
    const accountId = id("A", a + 1, widths.account);
    const won = book.wonAmount[a];
    accounts.write([
      accountId,
      account.name,
      account.industry,
      account.sizeBand,
      account.employees,
      money(account.annualRevenue),
      account.province,
      account.city,
      account.creditRating,
      localStamp(book.createdAt[a]),
      reps[book.owner[a]].name,
      membershipTier(won),
      Math.floor(won / 100)
    ]);
    for (const contact of contactsOf(seed, a)) {
      const contactId = id("C", ++contactCount, contactWidth);
      contacts.write([
        contactId,
        accountId,
        contact.name,
        contact.title,
        contact.birthday,
        contact.email,
        contact.phone
      ]);
    }
    if (a % 256 === 255) await Promise.all([accounts.flush(), contacts.flush()]);
  }

  const repFile = open("reps.csv");
  for (const rep of reps) {
    repFile.write([
      rep.id,
      rep.name,
      rep.team,
      rep.region,
      rep.managerId,
      localDate(rep.hiredAt),
      rep.specialties.join(";")
    ]);
  }
  const spend = open("marketing_spend.csv");
  writeMarketingSpend(spend, tally, months, monthCount, seed);
  const quotas = open("quotas.csv");
  writeQuotas(quotas, reps, wonByRep, months, monthCount, seed);
  all.push(repFile, spend, quotas);

  await Promise.all(all.map((w) => w.close()));
  await writeExportDate(options.out, options.asOf ?? "2026-11-20");
  const fileOrder = Object.keys(HEADERS) as SampleFile[];
  const result: GenerateResult = {
    files: fileOrder.map((file) => {
      const writer = all.find((w) => w.file === file)!;
      return {file, rows: writer.rows, encoding: writer.encoding};
    }),
    dirtyRows: dirty ? dirtyRowsFor(n) : []
  };
  if (earlier) {
    await earlier.opportunities.close();
    await writeExportDate(earlier.out, earlier.asOf);
    const {file, rows, encoding} = earlier.opportunities;
    result.earlierFiles = [{file, rows, encoding}];
  }
  return result;
}

/** Dates the export for ingest (the opportunity snapshot), as a CRM's export date would. */
async function writeExportDate(out: string, exportedAt: string): Promise<void> {
  await writeFile(join(out, FOLDER_MAPPING), `${JSON.stringify({exportedAt}, null, 2)}\n`);
}

/** The earlier export's opportunities file and the instant it shows the deals at. */
async function openEarlier(
  earlier: {out: string; asOf: string},
  historyStart: number,
  asOf: number
): Promise<{out: string; asOf: string; at: number; opportunities: CsvWriter}> {
  // the instant ingest dates the export (midnight UTC): its snapshot then agrees with the stage history up to it
  const at = Date.parse(`${earlier.asOf}T00:00:00Z`);
  const isDate =
    /^\d{4}-\d{2}-\d{2}$/.test(earlier.asOf) &&
    Number.isFinite(at) &&
    new Date(at).toISOString().startsWith(earlier.asOf);
  if (!isDate || at <= historyStart || at >= asOf)
    throw new Error(`the earlier export's date must be an ISO date before the export's, got "${earlier.asOf}"`);
  await mkdir(earlier.out, {recursive: true});
  const file = "opportunities.csv";
  return {...earlier, at, opportunities: new CsvWriter(join(earlier.out, file), file, HEADERS[file], "gbk")};
}
