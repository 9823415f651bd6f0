// Observable Framework configuration: https://observablehq.com/framework/config
// The site must build and run offline: nothing here may point at a remote address.
import {headingIds} from "./site/heading-ids.ts";
import {readDynamicPaths} from "./site/read-dynamic-paths.ts";
import {siteLocale} from "./site/site-locale.ts";
import {translator} from "./src/components/i18n.js";
import {common, PAGES} from "./src/locales/common.js";

const locale = siteLocale();
const t = translator(locale, common);

export default {
  root: "src",
  // buildSite() sets SHANGJI_SITE_OUT to build elsewhere (tests); `observable build` has no --output flag
  output: process.env.SHANGJI_SITE_OUT ?? "dist",
  title: locale === "en" ? "Shangji 商机" : "商机 Shangji",
  pages: PAGES.map((page) => ({name: t(`nav.${page}`), path: `/${page}`})),
  // one page per channel, reached from the channels page (reps share rep.html)
  async *dynamicPaths() {
    yield* await readDynamicPaths();
  },
  sidebar: true,
  pager: false,
  search: false,
  toc: false,
  // readable anchors for headings written as ${t("…")} or in Chinese
  markdownIt: headingIds,
  // the modern spelling of `cleanUrls: false`: every link ends in .html, including the home page's
  // index.html, so the site works on plain static servers and opened from disk (file://)
  preserveExtension: true,
  preserveIndex: true,
  // the default theme plus the styles of @observablehq/inputs, all from node_modules
  style: "style.css",
  // the default loads Source Serif from fonts.googleapis.com
  globalStylesheets: [],
  // no favicon request (a 404 on every page otherwise)
  head: `<link rel="icon" href="data:,">`,
  // the default footer links to observablehq.com and stamps the build date (not reproducible)
  footer:
    locale === "en"
      ? "Shangji 商机 — built from the CRM exports loaded in the warehouse."
      : "商机 Shangji — 基于仓库中已导入的 CRM 导出数据构建。"
};
