import {GLOSSARY} from "../../../pipelines/glossary.ts";
import type {SiteLocale} from "../site-locale.ts";

/** A glossary entry as the site shows it: its title in the site's language, the other one beside it. */
export interface GlossaryEntryText {
  metric: string;
  title: string;
  other_title: string;
  definition: string;
  /** the language of this entry's definition, where it differs from definition_locale */
  entry_locale?: SiteLocale;
  grain: string;
  pipeline: string;
}

export interface GlossaryData {
  /** the language of the definitions and grains: the pipelines document their metrics in English only */
  definition_locale: SiteLocale;
  sections: {family: string; title: string; other_title: string; entries: GlossaryEntryText[]}[];
}

/** The metrics' glossary (pipelines/glossary.ts) for a site in `locale`. */
export function glossaryData(locale: SiteLocale): GlossaryData {
  const titles = ({title, title_zh}: {title: string; title_zh: string}) =>
    locale === "zh-CN" ? {title: title_zh, other_title: title} : {title, other_title: title_zh};
  return {
    definition_locale: "en",
    sections: GLOSSARY.map((section) => ({
      family: section.family,
      ...titles(section),
      entries: section.entries.map((entry) => ({
        metric: entry.metric,
        ...titles(entry),
        ...(locale === "zh-CN" && entry.definition_zh
          ? {definition: entry.definition_zh, entry_locale: locale}
          : {definition: entry.definition}),
        grain: entry.grain,
        pipeline: entry.pipeline
      }))
    }))
  };
}
