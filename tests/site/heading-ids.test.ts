// @ts-expect-error Framework ships no types for its Markdown parser, the one the site build uses
import {createMarkdownIt, parseMarkdown} from "@observablehq/framework/dist/markdown.js";
import {describe, expect, it} from "vitest";
import {headingIds} from "../../site/heading-ids.ts";

function ids(markdown: string): string[] {
  const md = createMarkdownIt({markdownIt: headingIds});
  const {body} = parseMarkdown(markdown, {md, path: "/page.md"});
  return [...body.matchAll(/<h\d id="([^"]*)"/g)].map((match) => match[1]);
}

describe("headingIds(md)", () => {
  it("names a heading written as a message by its key, without the page's prefix", () => {
    const page = [
      '# ${t("nav.service")}',
      '## ${t("opportunities.priority.heading")}',
      '## ${t("funnel.time.title")}',
      '## ${t("collections.overdueWeek")}'
    ].join("\n\n");
    expect(ids(page)).toEqual(["service", "priority", "time", "overdue-week"]);
  });

  it("keeps Chinese characters and repeats no id", () => {
    expect(ids("## 渠道质量\n\n## Win rate 赢单率\n\n## 渠道质量\n\n## ${x}")).toEqual([
      "渠道质量",
      "win-rate-赢单率",
      "渠道质量-2",
      "x"
    ]);
  });
});
