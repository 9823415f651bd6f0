import type {BuildReport} from "../site/build-site.ts";

/** What the site build did: kept the previous site, or built one computing some pages and reusing others. */
export function siteLine(site: BuildReport): string {
  if (site.unchanged) return `nothing changed: kept the site in ${site.out} (${site.files} files)`;
  const {computed, reused} = site.pageData;
  return `rebuilt ${site.out} (${site.files} files; page data: ${computed} computed, ${reused} unchanged and reused)`;
}
