import type MarkdownIt from "markdown-it";

/**
 * Gives every Markdown heading a readable id. Framework slugs a heading from its literal text, so a heading
 * written as `${t("opportunities.priority.heading")}` has no text and gets "", "-1", "-2" …, and a Chinese
 * heading loses every character. Here a message key names its heading (priority, from
 * opportunities.priority.heading: the page's prefix and a trailing "heading" or "title" left out) and plain
 * text keeps its letters in any script (渠道质量). Ids repeat nowhere on a page: a second "notes" is "notes-2".
 */
export function headingIds(md: MarkdownIt): MarkdownIt {
  md.core.ruler.push("heading_ids", (state) => {
    const used = new Set<string>();
    state.tokens.forEach((token, i) => {
      if (token.type !== "heading_open") return;
      const words = (state.tokens[i + 1]?.children ?? []).map((child) =>
        child.type === "placeholder" ? placeholderWords(child.content) : child.content
      );
      const base = headingSlug(words.join(" ")) || "section";
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      token.attrSet("id", id);
    });
  });
  return md;
}

/** Lowercase words of any script joined by hyphens: "Win rate & 赢单率" → "win-rate-赢单率". */
export function headingSlug(text: string): string {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join("-");
}

function placeholderWords(expression: string): string {
  const key = /^\s*t\(\s*["'`]([\w.-]+)["'`]/.exec(expression)?.[1];
  if (!key) return expression.replace(/[A-Z]/g, (c) => ` ${c}`);
  const parts = key.split(".");
  const named = parts.length > 1 ? parts.slice(1) : parts;
  if (named.length > 1 && /^(heading|title)$/.test(named.at(-1)!)) named.pop();
  return named.join(" ").replace(/[A-Z]/g, (c) => ` ${c}`);
}
