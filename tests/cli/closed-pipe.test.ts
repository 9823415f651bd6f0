import {spawnSync} from "node:child_process";
import {describe, expect, it} from "vitest";

// `shangji ingest --help | head -1`: the reader closes the pipe early, and the CLI stops writing without an error
// of its own (before, Node's unhandled EPIPE printed a stack trace). `true` reads nothing and exits long before
// Node has started, so the help is always written into a closed pipe.
describe("shangji writing into a pipe closed early", () => {
  it("stops quietly when the reader has gone", () => {
    const run = spawnSync("bash", ["-c", "set -o pipefail; node bin/shangji.js ingest --help | true"], {
      encoding: "utf8",
      timeout: 120_000
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  }, 150_000);
});
