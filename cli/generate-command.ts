import {Command} from "commander";
import {CliError} from "../config/cli-error.ts";

export function generateCommand(): Command {
  return new Command("generate")
    .description("write a realistic sample CRM export of a fictional Chinese B2B company (deterministic for a seed)")
    .requiredOption("--out <dir>", "folder to write the export files into")
    .option("--opportunities <n>", "number of opportunities", "1500")
    .option("--seed <n>", "random seed", "42")
    .option("--as-of <date>", "export date; history runs about three years before it", "2026-11-20")
    .option("--clean", "no deliberately broken rows")
    .option("--earlier-out <dir>", "also write the opportunities as they stood at --earlier-as-of into this folder")
    .option("--earlier-as-of <date>", "the earlier export's date, before --as-of")
    .option("-q, --quiet", "no summary on stderr")
    .action(async (options) => {
      const opportunities = positiveInteger(options.opportunities, "--opportunities");
      const seed = positiveInteger(options.seed, "--seed");
      if ((options.earlierOut === undefined) !== (options.earlierAsOf === undefined))
        throw new CliError("--earlier-out and --earlier-as-of go together", {exitCode: 2});
      const {generateSample} = await import("../generate/generate-sample.ts");
      const started = Date.now();
      const result = await generateSample({
        out: options.out,
        opportunities,
        seed,
        asOf: options.asOf,
        dirty: !options.clean,
        earlier: options.earlierOut && {out: options.earlierOut, asOf: options.earlierAsOf}
      });
      if (!options.quiet) {
        for (const file of result.files)
          process.stderr.write(`  ${file.file}: ${file.rows.toLocaleString("en")} rows (${file.encoding})\n`);
        for (const file of result.earlierFiles ?? [])
          process.stderr.write(
            `  ${options.earlierOut}/${file.file}: ${file.rows.toLocaleString("en")} rows (${file.encoding}), as of ${options.earlierAsOf}\n`
          );
        process.stderr.write(
          `wrote ${result.files.length} files to ${options.out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
        );
      }
    });
}

function positiveInteger(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new CliError(`${option} must be a whole number, got "${text}"`, {exitCode: 2});
  return value;
}
