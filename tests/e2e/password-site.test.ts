import {existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {launchChromium} from "../../site/launch-chromium.ts";
import {openSealed, siteCipher} from "../../site/seal-site.ts";
import {serveStatic} from "../../site/serve-static.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {readRows} from "../../warehouse/read-rows.ts";
import {runCli} from "../cli/run-cli.ts";
import {EXPORTED_AT, makePasswordWarehouse} from "./password-warehouse.ts";
import {waitForRender} from "./visit-page.ts";

const PASSPHRASE = "plum blossom quokka 2026";
// the warehouse, one site build with two key derivations, Chromium
const SETUP_TIMEOUT = 10 * 60_000;
const BROWSER_TIMEOUT = 3 * 60_000;

interface Facts {
  reps: {rep_id: string; name: string; team: string; region: string}[];
  accounts: string[];
  channels: string[];
  products: string[];
  countOpportunities: number;
  largestOpenAmount: number;
  /** year to date (the export's year, to the export's day): what the overview shows first */
  ytd: {won: number; closed: number; wonAmount: number; created: number};
}

const folder = mkdtempSync(join(tmpdir(), "shangji-password-"));
const out = join(folder, "site");
const config = join(folder, "shangji.config.json");
let facts: Facts;
let site: string;
let server: {origin: string; close(): Promise<void>} | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  const {warehouse, exports} = await makePasswordWarehouse(folder);
  // hide nothing: account names then reach the page data, and only the sealing keeps them out of sight
  writeFileSync(config, JSON.stringify({publish: {access: "password", hide: []}}));
  // as the nightly job builds it: the rebuild finds the exports loaded and adds its durations to the report
  const run = await runCli(["rebuild", "--exports", exports, "--warehouse", warehouse, "--out", out, "--quiet"], {
    env: {SHANGJI_CONFIG: config, SHANGJI_SITE_PASSPHRASE: PASSPHRASE, SHANGJI_LOCALE: undefined}
  });
  if (run.status !== 0) throw new Error(`shangji rebuild failed (${run.status}): ${run.stderr}`);
  site = realpathSync(out);
  facts = await readFacts(warehouse);
  server = await serveStatic(site);
  browser = await launchChromium();
}, SETUP_TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(folder, {recursive: true, force: true});
});

async function readFacts(path: string): Promise<Facts> {
  const warehouse = await openWarehouse(path, {readOnly: true});
  const rows = <T>(sql: string, params?: Record<string, string>) => readRows<T>(warehouse.connection, sql, params);
  const column = async (sql: string) => (await rows<{value: string}>(sql)).map((row) => row.value);
  try {
    const [counts] = await rows<{n: number; largest: number}>(
      `SELECT count(*)::INTEGER AS n, max(amount) FILTER (WHERE outcome = 'open')::DOUBLE AS largest FROM opportunities`
    );
    const year = {start: `${EXPORTED_AT.slice(0, 4)}-01-01`, end: nextDay(EXPORTED_AT)};
    const [closed] = await rows<{won: number; closed: number; won_amount: number}>(
      `SELECT count(*) FILTER (WHERE outcome = 'won')::INTEGER AS won, count(*)::INTEGER AS closed,
         sum(amount) FILTER (WHERE outcome = 'won')::DOUBLE AS won_amount
       FROM opportunities WHERE outcome IN ('won', 'lost') AND closed_at >= $start::TIMESTAMP AND closed_at < $end::TIMESTAMP`,
      year
    );
    const [created] = await rows<{n: number}>(
      `SELECT count(*)::INTEGER AS n FROM opportunities WHERE created_at >= $start::TIMESTAMP AND created_at < $end::TIMESTAMP`,
      year
    );
    return {
      reps: await rows(`SELECT rep_id, name, team, region FROM reps ORDER BY rep_id`),
      accounts: await column(`SELECT name AS value FROM accounts`),
      channels: await column(`SELECT DISTINCT source AS value FROM opportunities`),
      products: await column(`SELECT DISTINCT product AS value FROM opportunities`),
      countOpportunities: counts.n,
      largestOpenAmount: counts.largest,
      ytd: {won: closed.won, closed: closed.closed, wonAmount: closed.won_amount, created: created.n}
    };
  } finally {
    warehouse.close();
  }
}

function nextDay(iso: string): string {
  const day = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

const grouped = (x: number) => new Intl.NumberFormat("en").format(x);
const compactYuan = (x: number) =>
  new Intl.NumberFormat("en", {
    style: "currency",
    currency: "CNY",
    notation: "compact",
    maximumFractionDigits: 1
  }).format(x);

function siteFiles(): string[] {
  return readdirSync(site, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe("shangji build with publish.access password", () => {
  it.each([
    ["build", []],
    ["rebuild", ["--exports", "data/sample"]]
  ])("%s fails at once, before any work, without SHANGJI_SITE_PASSPHRASE", async (command, args) => {
    const warehouse = join(folder, `${command}-none.duckdb`);
    const elsewhere = join(folder, `${command}-no-site`);
    const run = await runCli([command, ...args, "--warehouse", warehouse, "--out", elsewhere], {
      env: {SHANGJI_CONFIG: config, SHANGJI_SITE_PASSPHRASE: undefined}
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'shangji: a password-protected site ("access": "password") needs its passphrase in SHANGJI_SITE_PASSPHRASE\n'
    );
    expect(existsSync(elsewhere)).toBe(false);
    expect(existsSync(warehouse)).toBe(false);
  });

  it("seals every page data file and the build report, and names rep and channel pages by keyed hashes", async () => {
    const data = siteFiles().filter((file) => relative(site, file).startsWith("_file"));
    expect(data.length).toBeGreaterThan(20);
    for (const file of data)
      expect(readFileSync(file).subarray(0, 15).toString("latin1"), file).toBe("SHANGJI-SEALED\n");
    const report = JSON.parse((await openSealed(readFileSync(join(site, "build-report.json")), PASSPHRASE)).toString());
    expect(report.pages.map((p: {page: string}) => p.page)).toContain("index.html");
    expect(report.ingest.filesUnchanged).toBe(3);
    expect(report.durations.totalSeconds).toBeGreaterThan(0);
    const pages = (sub: string) => readdirSync(join(site, sub)).sort();
    // reps share rep.html: their keyed names are in its links (below) and its sealed data
    expect(existsSync(join(site, "reps"))).toBe(false);
    expect(existsSync(join(site, "rep.html"))).toBe(true);
    expect(pages("channels")).toHaveLength(facts.channels.length);
    for (const page of pages("channels")) expect(page).toMatch(/^c-[0-9a-f]{12}\.html$/);
  });

  it("leaves no name or figure of the warehouse in plain text in any file or file name", async () => {
    const names = [
      ...facts.reps.flatMap((rep) => [rep.rep_id, rep.name, rep.team, rep.region]),
      ...facts.accounts,
      ...facts.channels,
      ...facts.products
    ];
    const figures = [facts.ytd.wonAmount, facts.countOpportunities, facts.largestOpenAmount];
    expect(figures.every((x) => Number.isInteger(x) && x >= 1000)).toBe(true);
    const formatted = figures.flatMap((x) => [grouped(x), compactYuan(x)]);
    // a figure as a number of its own: not a part of a longer number or of a hash
    const raw = figures.map((x) => new RegExp(`(?<![0-9A-Za-z.])${x}(?![0-9A-Za-z])`));
    const find = (text: string) => [
      ...[...names, ...formatted].filter((needle) => text.includes(needle)),
      ...raw.filter((pattern) => pattern.test(text)).map(String)
    ];

    // _node/ holds the npm packages the pages import, bundled from node_modules: no byte of the warehouse
    // reaches it, and a figure may occur in it by chance (acorn's tables hold 1357, say)
    const built = siteFiles().filter((file) => !relative(site, file).startsWith("_node"));
    expect(built.length).toBeGreaterThan(20);
    const found = built.flatMap((file) =>
      find(`${relative(site, file)}\n${readFileSync(file, "latin1")}`).map(
        (needle) => `${relative(site, file)}: ${needle}`
      )
    );
    expect(found).toEqual([]);

    // the same search finds them once the data is opened: the site does publish them, sealed
    const header = JSON.parse(readFileSync(join(site, "build-report.json"), "utf8").split("\n")[1]);
    const key = await siteCipher(PASSPHRASE, header.locale, {salt: Buffer.from(header.salt, "base64")});
    const opened = await Promise.all(
      siteFiles()
        .filter((file) => relative(site, file).startsWith("_file"))
        .map(async (file) => (await openSealed(readFileSync(file), key)).toString("utf8"))
    );
    const published = find(opened.join("\n"));
    // no page shows products
    const expected = [...names.filter((name) => !facts.products.includes(name)), ...raw.map(String)];
    expect(expected.filter((needle) => !published.includes(needle))).toEqual([]);
  });
});

describe("the password-protected site in Chromium", () => {
  it(
    "asks for the passphrase once per visit, says when it is wrong, then shows the numbers on every page",
    async () => {
      const context = await browser!.newContext({viewport: {width: 1280, height: 900}});
      const origin = server!.origin;
      const errors: string[] = [];
      const outside: string[] = [];
      await context.route("**/*", (route) => {
        if (new URL(route.request().url()).origin === origin) return route.continue();
        outside.push(route.request().url());
        return route.abort("blockedbyclient");
      });
      const page = await context.newPage();
      page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("response", (response) => response.status() >= 400 && errors.push(`HTTP ${response.status()}`));
      try {
        await page.goto(`${origin}/index.html`);
        const dialog = page.getByRole("dialog", {name: "This site is protected"});
        const input = dialog.getByLabel("Passphrase");
        await input.fill("plum blossom quokka 2025");
        await input.press("Enter");
        await expect
          .poll(() => dialog.getByRole("alert").textContent(), {timeout: 30_000})
          .toBe("That passphrase does not open this site. Try again.");
        expect(await page.locator("main").innerText()).not.toContain(facts.ytd.created.toString());

        await input.fill(PASSPHRASE);
        await dialog.getByRole("button", {name: "Open"}).click();
        await waitForRender(page);
        expect(await page.locator("dialog").count()).toBe(0);
        const overview = await page.locator("main").innerText();
        expect(overview).toContain(`${grouped(facts.ytd.won)} won of ${grouped(facts.ytd.closed)} closed`);
        expect(overview).toContain(compactYuan(facts.ytd.wonAmount));
        expect(overview).toContain(`New opportunities\n${grouped(facts.ytd.created)}`);

        // another page of the visit opens without asking
        await page.goto(`${origin}/reps.html`);
        await waitForRender(page);
        expect(await page.locator("dialog").count()).toBe(0);
        const reps = await page.locator("main").innerText();
        for (const rep of facts.reps) expect(reps).toContain(rep.name);

        const link = page.locator('main a[href*="rep.html?id=r-"]').first();
        const name = await link.textContent();
        await link.click();
        await page.waitForURL(/\/rep\.html\?id=r-[0-9a-f]{12}&/);
        await waitForRender(page);
        expect(await page.locator("dialog").count()).toBe(0);
        const rep = facts.reps.find((r) => r.name === name);
        expect(rep, `${name} is a rep of the warehouse`).toBeDefined();
        expect(await page.locator("main h1").textContent()).toBe(rep!.name);
        expect(await page.locator("main").innerText()).toContain(rep!.rep_id);

        expect(errors).toEqual([]);
        expect(outside).toEqual([]);
      } finally {
        await context.close();
      }
    },
    BROWSER_TIMEOUT
  );
});

describe("shangji digest of the password-protected site", () => {
  it("fills in the passphrase from SHANGJI_SITE_PASSPHRASE and writes the PDF", async () => {
    const pdf = join(folder, "overview.pdf");
    const run = await runCli(["digest", "--pdf", pdf, "--site", out], {env: {SHANGJI_SITE_PASSPHRASE: PASSPHRASE}});
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(run.stderr).toMatch(/wrote .*overview\.pdf \(\d+ A4 pages?\)/);
  }, 120_000);

  it("names the variable to set when there is no passphrase", async () => {
    const run = await runCli(["digest", "--pdf", join(folder, "x.pdf"), "--site", out], {
      env: {SHANGJI_SITE_PASSPHRASE: undefined}
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`shangji: ${out} is password-protected: set SHANGJI_SITE_PASSPHRASE to its passphrase\n`);
  });
});
