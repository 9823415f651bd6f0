import {spawn} from "node:child_process";
import {REPOSITORY} from "../ingest/temp-warehouse.ts";

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/shangji.js …args` from the repository root, as a user would. */
export function runCli(
  args: string[],
  {nodeOptions = [] as string[], env = {} as Record<string, string | undefined>} = {}
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeOptions, "bin/shangji.js", ...args], {
      cwd: REPOSITORY,
      env: {...process.env, SHANGJI_WAREHOUSE: undefined, SHANGJI_DEBUG: undefined, ...env}
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({status, stdout, stderr}));
  });
}

/** Progress lines depend on the machine's speed; summaries are compared without them. */
export function withoutProgress(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => !/: [\d,]+ rows read \([\d,]+ rows\/s\)$/.test(line))
    .join("\n");
}
