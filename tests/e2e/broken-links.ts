import type {BuiltSite} from "./e2e-sites.ts";
import type {PageVisit} from "./visit-page.ts";

/**
 * Follows every same-origin link of the visited pages: "page: problem" lines for a target the server answers
 * with an error, and for a #hash with no element of that id (or anchor name) on its page. A target among the
 * visited pages is checked against its rendered page, since cells add most of the ids; any other is fetched.
 */
export async function brokenLinks(site: BuiltSite, visited: Map<string, PageVisit>): Promise<string[]> {
  const rendered = new Map([...visited.values()].map((visit) => [withoutHash(visit.url), visit]));
  const fetched = new Map<string, Promise<{status: number; html: string}>>();
  const fetchOnce = (url: string) => {
    if (!fetched.has(url))
      fetched.set(
        url,
        fetch(url).then(async (response) => ({status: response.status, html: await response.text()}))
      );
    return fetched.get(url)!;
  };
  const found: string[] = [];
  for (const [page, visit] of visited) {
    for (const link of new Set(visit.links)) {
      const target = new URL(link);
      if (target.origin !== site.origin) continue;
      const url = withoutHash(link);
      const hash = decodeURIComponent(target.hash.slice(1));
      const shown = rendered.get(url);
      if (shown) {
        if (hash && !shown.anchors.includes(hash)) found.push(`${page}: ${relative(site, link)} has no #${hash}`);
        continue;
      }
      const {status, html} = await fetchOnce(url);
      if (status >= 400) found.push(`${page}: ${relative(site, link)} answers ${status}`);
      else if (hash && !new RegExp(`\\s(id|name)="${escape(hash)}"`).test(html))
        found.push(`${page}: ${relative(site, link)} has no #${hash}`);
    }
  }
  return [...new Set(found)];
}

/** The address without its query and hash: how the static server finds the file. */
function withoutHash(url: string): string {
  const {origin, pathname} = new URL(url);
  return `${origin}${pathname}`;
}

function relative(site: BuiltSite, url: string): string {
  return url.slice(site.origin.length);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
