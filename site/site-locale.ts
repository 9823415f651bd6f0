import {CliError} from "../config/cli-error.ts";

export type SiteLocale = "en" | "zh-CN";
export const SITE_LOCALES: SiteLocale[] = ["en", "zh-CN"];

/** The site's language: SHANGJI_LOCALE (en or zh-CN), English by default. */
export function siteLocale(value = process.env.SHANGJI_LOCALE): SiteLocale {
  if (value === undefined || value === "") return "en";
  const locale = SITE_LOCALES.find((l) => l.toLowerCase() === value.toLowerCase());
  if (!locale) throw new CliError(`SHANGJI_LOCALE=${value} is not a site language; use en or zh-CN`, {exitCode: 2});
  return locale;
}
