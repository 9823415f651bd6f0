/** Names of one code per language; either may be left out (the other stands in). */
export interface CodeNames {
  en?: string;
  zh?: string;
}

/** Configured names of exported codes, by kind (channel, activity, ticket, lostReason) and code. */
export type DisplayNames = Record<string, Record<string, CodeNames>>;

/** The variable the build hands the project configuration's `displayNames` to the page data in (JSON). */
export const DISPLAY_NAMES_VARIABLE = "SHANGJI_DISPLAY_NAMES";

/** The configured names of codes for the site (src/components/display-names.js adds the defaults). */
export function siteDisplayNames(value = process.env[DISPLAY_NAMES_VARIABLE]): DisplayNames {
  return value ? (JSON.parse(value) as DisplayNames) : {};
}
