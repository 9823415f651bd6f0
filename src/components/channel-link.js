import {html} from "htl";
import {displayName} from "./display-names.js";
import {pageHref} from "./filter-bar.js";

/** A channel's name for display: its display name in the site's language, or "(no source)". */
export function channelName(source, t) {
  return source === null || source === undefined ? t("channels.noSource") : displayName(t, "channel", source);
}

/**
 * The address of a channel's page keeping the filter, or null for a channel without a page (no
 * opportunities, or no source). `base` is the way from the current page to the site root ("./", "../").
 */
export function channelHref(source, {slugs, filter, base = "./"}) {
  if (source === null || source === undefined || !Object.hasOwn(slugs, source)) return null;
  return pageHref(`${base}channels/${slugs[source]}.html`, filter);
}

/** The channel's name linked to its page (as text: htl escapes it), or the bare name without a page. */
export function channelLink(source, {slugs, filter, base = "./", t}) {
  const href = channelHref(source, {slugs, filter, base});
  return href ? html`<a href=${href}>${channelName(source, t)}</a>` : channelName(source, t);
}
