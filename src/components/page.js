import {common} from "../locales/common.js";
import {formatters, translator} from "./i18n.js";

/**
 * What every page's first cell does: the translator (common texts plus the page's own), the number and
 * date formats of the site's language, and the document's title and language.
 *
 * @example const {t, fmt} = setupPage(site, "channels.title", channelsText);
 */
export function setupPage(site, titleKey, ...dictionaries) {
  const t = translator(site.locale, common, ...dictionaries);
  const fmt = formatters(site.locale, site.currency);
  document.documentElement.lang = site.locale;
  document.title = `${t(titleKey)} | ${t("site.title")}`;
  // Framework's menu toggle has an English tooltip only; style.css shows this label beside its icon
  document.getElementById("observablehq-sidebar-toggle")?.setAttribute("aria-label", t("nav.menu"));
  return {t, fmt};
}
