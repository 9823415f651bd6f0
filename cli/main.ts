import {readFileSync} from "node:fs";
import {Command, CommanderError} from "commander";
import {archiveCommand} from "./archive-command.ts";
import {CliError, EXIT} from "../config/cli-error.ts";
import {buildCommand} from "./build-command.ts";
import {configCommand} from "./config-command.ts";
import {digestCommand} from "./digest-command.ts";
import {generateCommand} from "./generate-command.ts";
import {ingestCommand} from "./ingest-command.ts";
import {queryCommand} from "./query-command.ts";
import {rebuildCommand} from "./rebuild-command.ts";
import {redateCommand} from "./redate-command.ts";
import {restoreCommand} from "./restore-command.ts";

const EXIT_CODES = `
Exit codes:
  0  success
  1  failed (nothing was changed)
  2  usage error: unknown option, invalid mapping file
  3  missing input: no such export file or folder, no warehouse
  4  the warehouse is in use by another shangji process
  5  ingest finished, but files were rejected (or, with --strict, rows were rejected or values set aside);
     rebuild: the site was built, but this run rejected rows or files or set values aside`;

/** Usage errors read like every other error of the CLI: one line starting "shangji:". */
const OUTPUT = {
  writeErr: (text: string) => process.stderr.write(text),
  outputError: (text: string, write: (text: string) => void) => write(`shangji: ${text.replace(/^error: /, "")}`)
};

export function program(): Command {
  return new Command("shangji")
    .description("Shangji 商机 — sales-opportunity analytics warehouse and reporting site")
    .version(packageVersion())
    .addHelpText("after", EXIT_CODES)
    .exitOverride()
    .configureOutput(OUTPUT)
    .addCommand(generateCommand())
    .addCommand(ingestCommand())
    .addCommand(redateCommand())
    .addCommand(queryCommand())
    .addCommand(buildCommand())
    .addCommand(rebuildCommand())
    .addCommand(archiveCommand())
    .addCommand(restoreCommand())
    .addCommand(digestCommand())
    .addCommand(configCommand());
}

/** Runs the CLI and returns its exit code; user errors are one line on stderr, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  try {
    const command = program();
    for (const sub of command.commands) sub.exitOverride().configureOutput(OUTPUT).addHelpText("after", EXIT_CODES);
    await command.parseAsync(argv);
    return Number(process.exitCode ?? EXIT.ok);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof CliError) {
      process.stderr.write(`shangji: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`shangji: failed: ${message}\n`);
    if (process.env.SHANGJI_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return EXIT.failed;
  }
}

function packageVersion(): string {
  const url = new URL("../package.json", import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as {version: string}).version;
}
