/** The number of files the rep pages' data is split into (src/components/rep-page-files.js lists them). */
export const REP_PAGE_SHARDS = 64;

/**
 * The file of a rep's page data: its page name (the `id` of rep.html?id=…) hashed with 32-bit FNV-1a,
 * modulo REP_PAGE_SHARDS, as two digits ("07"). The build and the page compute it alike.
 *
 * @param {string} slug
 * @returns {string}
 */
export function repShard(slug) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < slug.length; i++) hash = Math.imul(hash ^ slug.charCodeAt(i), 0x01000193) >>> 0;
  return String(hash % REP_PAGE_SHARDS).padStart(2, "0");
}
