import {GLOSSARY} from "../../pipelines/glossary.ts";
import {GRAINS_ZH} from "../../pipelines/lib/glossary-grains-zh.ts";
import type {SiteLocale} from "../site-locale.ts";

/** A glossary entry as the site shows it: its title in the site's language, the other one beside it. */
export interface GlossaryEntryText {
  metric: string;
  title: string;
  other_title: string;
  definition: string;
  grain: string;
  pipeline: string;
}

export interface GlossaryData {
  /** the language of the definitions and grains */
  definition_locale: SiteLocale;
  sections: {family: string; title: string; other_title: string; entries: GlossaryEntryText[]}[];
}

/**
 * The metrics' glossary (pipelines/glossary.ts) for a site in `locale`, definitions and grains in its language.
 * An entry without a Chinese definition or grain fails: a Chinese page must not fall back to English.
 */
export function glossaryData(locale: SiteLocale): GlossaryData {
  const zh = locale === "zh-CN";
  const titles = ({title, title_zh}: {title: string; title_zh: string}) =>
    zh ? {title: title_zh, other_title: title} : {title, other_title: title_zh};
  const inChinese = (text: string | undefined, what: string) => {
    if (!text) throw new Error(`the glossary has no Chinese ${what}`);
    return text;
  };
  return {
    definition_locale: locale,
    sections: GLOSSARY.map((section) => ({
      family: section.family,
      ...titles(section),
      entries: section.entries.map((entry) => ({
        metric: entry.metric,
        ...titles(entry),
        definition: zh
          ? inChinese(
              entry.definition_zh ??
                section.entries_zh[`${entry.pipeline}:${entry.metric}`] ??
                section.entries_zh[entry.metric],
              `definition of ${section.family} ${entry.metric}`
            )
          : entry.definition,
        grain: zh ? inChinese(GRAINS_ZH[entry.grain], `grain "${entry.grain}"`) : entry.grain,
        pipeline: entry.pipeline
      }))
    }))
  };
}
