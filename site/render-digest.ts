import {existsSync} from "node:fs";
import type {Page} from "playwright-core";
import {join} from "node:path";
import {CliError, EXIT} from "../config/cli-error.ts";
import {launchChromium} from "./launch-chromium.ts";
import {isSealedSite, PASSPHRASE_VARIABLE} from "./seal-site.ts";
import {serveStatic} from "./serve-static.ts";

export interface DigestOptions {
  /** the built site */
  site: string;
  /** page path without .html, with the page's own query if any: index (the overview), channels, rep?id=R001 … */
  page: string;
  pdf: string;
  /** query string of the filter, e.g. "?period=qtd&team=华北" */
  filter?: string;
  /** the passphrase of a password-protected site (SHANGJI_SITE_PASSPHRASE) */
  passphrase?: string;
}

/**
 * Renders one page of the built site to an A4 PDF with headless Chromium, as the page prints: served over
 * HTTP from the site folder (browsers refuse modules from file://), waiting until every cell has rendered.
 */
export async function renderDigest({
  site,
  page,
  pdf,
  filter = "",
  passphrase
}: DigestOptions): Promise<{pages: number}> {
  const [name, own = ""] = page.split("?", 2);
  const file = join(site, `${name}.html`);
  const query = [own, filter.replace(/^\?/, "")].filter((part) => part !== "").join("&");
  if (!existsSync(file)) {
    throw new CliError(`no page ${page} in ${site}; build the site first (shangji build) or pick a built page`, {
      exitCode: EXIT.missing
    });
  }
  const sealed = isSealedSite(site);
  if (sealed && !passphrase) {
    throw new CliError(`${site} is password-protected: set ${PASSPHRASE_VARIABLE} to its passphrase`, {
      exitCode: EXIT.usage
    });
  }
  const server = await serveStatic(site);
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage({viewport: {width: 1100, height: 1400}});
    const errors: string[] = [];
    tab.on("pageerror", (error) => errors.push(error.message));
    await tab.goto(`${server.origin}/${name}.html${query ? `?${query}` : ""}`, {waitUntil: "networkidle"});
    if (sealed) await enterPassphrase(tab, passphrase!, site);
    await tab.waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, null, {
      timeout: 30_000
    });
    if (errors.length) throw new CliError(`page ${page} failed to render: ${errors[0]}`);
    await tab.emulateMedia({media: "print"});
    const bytes = await tab.pdf({
      path: pdf,
      format: "A4",
      printBackground: true,
      margin: {top: "12mm", bottom: "12mm", left: "10mm", right: "10mm"}
    });
    // each page object of the PDF is one "/Type /Page" dictionary
    return {pages: (bytes.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length};
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Fills in the passphrase form of a password-protected site (src/components/read-json.js). */
async function enterPassphrase(tab: Page, passphrase: string, site: string): Promise<void> {
  const input = tab.locator("dialog[open] input[type=password]");
  await input.waitFor({timeout: 30_000});
  await input.fill(passphrase);
  await input.press("Enter");
  // either every cell renders, or the form says the passphrase is wrong
  await tab.waitForFunction(
    () =>
      document.querySelectorAll("observablehq-loading").length === 0 ||
      Boolean(document.querySelector("dialog[open] .passphrase-error")?.textContent),
    null,
    {timeout: 30_000}
  );
  if (await tab.locator("dialog[open]").count()) {
    throw new CliError(`${PASSPHRASE_VARIABLE} does not open ${site}`, {exitCode: EXIT.usage});
  }
}
