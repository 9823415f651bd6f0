import {ESLint} from "eslint";
import {describe, expect, it} from "vitest";
import {PROJECT_ROOT} from "../../site/build-site.ts";

const markdown = [
  "# ${t(`nav.${page}`)}", // 1
  "",
  "```js",
  'import {formatters} from "./components/i18n.js";', // 4
  "const fmt = formatters(locale);", // 5
  "const unused = 1;", // 6
  "```",
  "",
  "Won ${fmt.count(won)} of ${total}.", // 9
  "",
  "```js run=false",
  "example(only);",
  "```",
  "",
  "```sql",
  "select ${notCode}",
  "```"
].join("\n");

describe("markdownCells (the ESLint processor of the site's pages)", () => {
  it("lints cells and inline expressions as one module, at their line and column in the page", async () => {
    const eslint = new ESLint({cwd: PROJECT_ROOT});
    const [result] = await eslint.lintText(markdown, {filePath: `${PROJECT_ROOT}/src/example.md`});
    const found = result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message.split(" ")[0]}`);
    expect(found).toEqual([
      "1:5 no-undef 't'",
      "1:14 no-undef 'page'",
      "5:24 no-undef 'locale'",
      "6:7 @typescript-eslint/no-unused-vars 'unused'",
      "9:17 no-undef 'won'",
      "9:28 no-undef 'total'"
    ]);
  });
});
