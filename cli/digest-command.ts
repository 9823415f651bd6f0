import {resolve} from "node:path";
import {Command} from "commander";
import {readProjectConfig} from "../config/project-config.ts";

export function digestCommand(): Command {
  return new Command("digest")
    .description("render a page of the built site (the overview by default) to an A4 PDF for e-mail")
    .requiredOption("--pdf <file>", "PDF file to write")
    .option("--page <path>", 'page to render: index, channels, "rep?id=R001" …', "index")
    .option("--filter <query>", 'filter as in the page address, e.g. "period=qtd&team=East"')
    .option("--site <dir>", 'the built site (default: "out" of shangji.config.json)')
    .action(async (options) => {
      const {renderDigest} = await import("../site/render-digest.ts");
      const pdf = resolve(options.pdf);
      const filter = options.filter ? `?${String(options.filter).replace(/^\?/, "")}` : "";
      const {pages} = await renderDigest({
        site: resolve(options.site ?? readProjectConfig().out),
        page: String(options.page).replace(/\.html(?=\?|$)/, ""),
        pdf,
        filter,
        passphrase: process.env.SHANGJI_SITE_PASSPHRASE
      });
      process.stderr.write(`wrote ${pdf} (${pages} A4 page${pages === 1 ? "" : "s"})\n`);
    });
}
