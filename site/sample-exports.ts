/**
 * The bundled sample, the exports a build ingests when there is no warehouse yet, oldest first: the
 * company's opportunities as of 2026-11-02, then its whole export of 2026-11-20. Two exports give the
 * pipeline page a "what changed between exports" from the first build on; the later one alone decides
 * every current number.
 */
export const SAMPLE_EXPORTS = ["data/sample-earlier", "data/sample"];
