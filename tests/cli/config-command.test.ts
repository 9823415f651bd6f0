import {describe, expect, it} from "vitest";
import {tempDir, writeFile} from "../ingest/temp-warehouse.ts";
import {runCli} from "./run-cli.ts";

/** `shangji config <key>` with `config` as shangji.config.json. */
async function configValue(config: object, key: string) {
  const file = writeFile(tempDir(), "shangji.config.json", JSON.stringify(config));
  return runCli(["config", key], {env: {SHANGJI_CONFIG: file}});
}

describe("shangji config [key]", () => {
  it("keeps the site as a CI artifact, every name shown, when the configuration says nothing", async () => {
    expect((await configValue({}, "publish")).stdout).toBe('{\n  "access": "artifact",\n  "hide": []\n}\n');
  });

  it("hides account names of a password site unless hide says otherwise", async () => {
    expect((await configValue({publish: {access: "password"}}, "publish.hide")).stdout).toBe('[\n  "accounts"\n]\n');
    expect((await configValue({publish: {access: "password", hide: []}}, "publish.hide")).stdout).toBe("[]\n");
  });

  it("prints a text setting as it is, for scripts", async () => {
    expect(await configValue({publish: {access: "pages", hide: ["reps"]}}, "publish.access")).toEqual({
      status: 0,
      stdout: "pages\n",
      stderr: ""
    });
  });

  it("refuses a site in the clear that does not state what it hides", async () => {
    const run = await configValue({publish: {access: "pages"}}, "publish.access");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/publish\.hide: a site deployed in the clear \("access": "pages"\) is public/);
  });

  it("names a key the configuration does not have", async () => {
    expect(await configValue({}, "publish.acess")).toEqual({
      status: 2,
      stdout: "",
      stderr: "shangji: no setting publish.acess in the project configuration\n"
    });
  });
});
