import {Command} from "commander";
import {readProjectConfig} from "../config/project-config.ts";
import {CliError, EXIT} from "../config/cli-error.ts";

export function configCommand(): Command {
  return new Command("config")
    .description("print the project configuration (shangji.config.json) with every default applied, or one value of it")
    .argument("[key]", "a dotted key, e.g. publish.access")
    .action((key: string | undefined) => {
      const config = readProjectConfig();
      let value: unknown = config;
      for (const part of key ? key.split(".") : []) {
        if (value === null || typeof value !== "object" || !(part in value)) {
          throw new CliError(`no setting ${key} in the project configuration`, {exitCode: EXIT.usage});
        }
        value = (value as Record<string, unknown>)[part];
      }
      process.stdout.write(`${typeof value === "string" ? value : JSON.stringify(value, null, 2)}\n`);
    });
}
