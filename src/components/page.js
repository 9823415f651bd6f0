import {common} from "../locales/common.js";
import {displayNameMessages} from "./display-names.js";
import {formatters, translator} from "./i18n.js";

/**
 * What every page's first cell does: the translator (common texts, the page's own and the names of codes), the number and
 * date formats of the site's language, and the document's title and language.
 *
 * @example const {t, fmt} = setupPage(site, "channels.title", channelsText);
 */
export function setupPage(site, titleKey, ...dictionaries) {
  // the configured names of codes last, so that they override the defaults
  const t = translator(site.locale, common, ...dictionaries, displayNameMessages(site.display_names));
  const fmt = formatters(site.locale, site.currency);
  document.documentElement.lang = site.locale;
  document.title = `${t(titleKey)} | ${t("site.title")}`;
  // Framework's menu toggle has an English tooltip only; style.css shows this label beside its icon
  document.getElementById("observablehq-sidebar-toggle")?.setAttribute("aria-label", t("nav.menu"));
  return {t, fmt};
}
