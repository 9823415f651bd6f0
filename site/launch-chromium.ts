import {existsSync} from "node:fs";
import type {Browser} from "playwright-core";
import {CliError, EXIT} from "../config/cli-error.ts";

/** Debian's Chromium, or the one SHANGJI_CHROMIUM names. */
export function chromiumPath(): string {
  return process.env.SHANGJI_CHROMIUM || "/usr/bin/chromium";
}

/** Headless Chromium for rendering the site (digests, browser tests); a clear message when it is missing. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new CliError(
      `no Chromium at ${executablePath}: install it (Debian: apt-get install -y chromium fonts-wqy-microhei) ` +
        "or set SHANGJI_CHROMIUM to its path",
      {exitCode: EXIT.missing}
    );
  }
  const {chromium} = await import("playwright-core");
  return chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync"
    ]
  });
}
