// Observable Framework configuration: https://observablehq.com/framework/config
// The site must build and run offline: nothing here may point at a remote address.

export default {
  root: "src",
  // buildSite() sets SHANGJI_SITE_OUT to build elsewhere (tests); `observable build` has no --output flag
  output: process.env.SHANGJI_SITE_OUT ?? "dist",
  title: "Shangji 商机",
  pages: [
    {name: "Warehouse overview", path: "/index"},
    {name: "Glossary", path: "/glossary"}
  ],
  sidebar: true,
  pager: false,
  search: false,
  // the modern spelling of `cleanUrls: false`: every link ends in .html, including the home page's
  // index.html, so the site works on plain static servers and opened from disk (file://)
  preserveExtension: true,
  preserveIndex: true,
  // the default theme plus the styles of @observablehq/inputs, all from node_modules
  style: "style.css",
  // the default loads Source Serif from fonts.googleapis.com
  globalStylesheets: [],
  head: "",
  // the default footer links to observablehq.com and stamps the build date (not reproducible)
  footer: "Shangji 商机 — built from the CRM exports loaded in the warehouse."
};
