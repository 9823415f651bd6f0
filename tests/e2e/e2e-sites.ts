import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {SiteLocale} from "../../site/site-locale.ts";
import {buildSite} from "../../site/build-site.ts";
import {rebuild, rebuildSummary} from "../../site/rebuild.ts";
import {serveStatic} from "../../site/serve-static.ts";
import {makeE2eWarehouse, writePersonalExport} from "./e2e-warehouse.ts";
import {sitePages} from "./site-pages.ts";

export const LOCALES: SiteLocale[] = ["en", "zh-CN"];

export interface BuiltSite {
  locale: SiteLocale;
  dist: string;
  /** where it is served: http://127.0.0.1:<port> */
  origin: string;
  /** paths without ".html": index, channels, …, reps/R001, channels/referral */
  pages: string[];
}

export interface E2eSites {
  warehouse: string;
  hostileAccountId: string;
  sites: Record<SiteLocale, BuiltSite>;
  /** the job summary of the rebuild that built the English site (from an export with rejected personal data) */
  rebuildSummary: string;
  /** how long the warehouse and the builds took, in seconds */
  buildSeconds: number;
  close(): Promise<void>;
}

/**
 * The sites the browser tests visit: one warehouse (the sample plus a hostile account name), built once
 * per language and served over HTTP. The English site is built by a rebuild that ingests an export whose
 * personal data ingest rejects or sets aside (writePersonalExport).
 */
export async function startE2eSites(): Promise<E2eSites> {
  const started = performance.now();
  const folder = mkdtempSync(join(tmpdir(), "shangji-e2e-"));
  const servers: {close(): Promise<void>}[] = [];
  const close = async () => {
    await Promise.all(servers.map((server) => server.close()));
    rmSync(folder, {recursive: true, force: true});
  };
  try {
    const {warehouse, hostileAccountId} = await makeE2eWarehouse(folder);
    const sites = {} as Record<SiteLocale, BuiltSite>;
    let summary = "";
    for (const locale of LOCALES) {
      const dist = join(folder, "sites", locale);
      if (locale === "en") {
        const exports = writePersonalExport(folder);
        summary = rebuildSummary(await rebuild({exports, warehouse, out: dist, locale, quiet: true}));
      } else {
        await buildSite({warehouse, out: dist, locale, quiet: true});
      }
      const server = await serveStatic(dist);
      servers.push(server);
      sites[locale] = {locale, dist, origin: server.origin, pages: sitePages(dist)};
    }
    return {
      warehouse,
      hostileAccountId,
      sites,
      rebuildSummary: summary,
      buildSeconds: (performance.now() - started) / 1000,
      close
    };
  } catch (error) {
    await close();
    throw error;
  }
}
