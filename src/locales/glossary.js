/** Texts of the glossary page. */
export const glossaryText = {
  en: {
    "glossary.intro":
      "Every number on these pages is defined once, in the pipeline that computes it; this page is generated from those definitions. The code name is the column the number has in a page's CSV download.",
    "glossary.search": "Search",
    "glossary.searchPlaceholder": "metric, title or word of a definition",
    "glossary.matches": "{n} of {total} metrics",
    "glossary.noMatch": "No metric matches the search.",
    "glossary.contents": "Families",
    "glossary.grain": "Grain",
    "glossary.computedBy": "Computed by"
  },
  "zh-CN": {
    "glossary.intro":
      "本站的每个数字都只在计算它的流水线中定义一次，本页即由这些定义生成。代码名称是该数字在页面 CSV 下载中的列名。",
    "glossary.search": "搜索",
    "glossary.searchPlaceholder": "指标代码、名称或定义中的词",
    "glossary.matches": "共 {total} 个指标，匹配 {n} 个",
    "glossary.noMatch": "没有与搜索匹配的指标。",
    "glossary.contents": "指标类别",
    "glossary.grain": "粒度",
    "glossary.computedBy": "计算函数"
  }
};
