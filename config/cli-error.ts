/**
 * An error meant for the user: printed as one line without a stack trace, with a documented exit code.
 *
 * Exit codes: 1 failed, 2 usage, 3 missing input or warehouse, 4 warehouse busy,
 * 5 ingest finished with quarantined rows (the rest was loaded).
 */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, {exitCode = 1, cause}: {exitCode?: number; cause?: unknown} = {}) {
    super(message, {cause});
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

export const EXIT = {ok: 0, failed: 1, usage: 2, missing: 3, busy: 4, quarantined: 5} as const;
