import {existsSync, mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {buildSite} from "../../site/build-site.ts";
import {chromiumPath} from "../../site/launch-chromium.ts";
import {makeSmallWarehouse} from "../site/small-warehouse.ts";
import {runCli} from "./run-cli.ts";

describe("shangji digest", () => {
  const folder = mkdtempSync(join(tmpdir(), "shangji-digest-"));
  const site = join(folder, "site");
  beforeAll(async () => {
    if (!existsSync(chromiumPath())) throw new Error(`the digest needs Chromium at ${chromiumPath()}`);
    await buildSite({warehouse: await makeSmallWarehouse(), out: site, quiet: true});
  }, 180_000);

  it("renders the overview to an A4 PDF", async () => {
    const pdf = join(folder, "overview.pdf");
    const run = await runCli(["digest", "--pdf", pdf, "--site", site]);
    expect(run.status, run.stderr).toBe(0);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // A4 is 595 × 842 points
    expect(bytes.toString("latin1")).toMatch(/\/MediaBox \[0 0 59[56](\.\d+)? 84[12](\.\d+)?\]/);
    expect(run.stderr).toMatch(/wrote .*overview\.pdf \(\d+ A4 pages?\)/);
  }, 60_000);

  it("names a page the site does not have", async () => {
    const run = await runCli(["digest", "--pdf", join(folder, "x.pdf"), "--site", site, "--page", "nowhere"]);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe(
      `shangji: no page nowhere in ${site}; build the site first (shangji build) or pick a built page\n`
    );
  });
});
