/**
 * An ESLint processor for Observable Framework pages: lints a page's ```js cells and its inline ${…}
 * expressions as one module (a cell sees the declarations of the others, as on the page). Everything else is
 * blanked, so a message keeps the line and column it has in the page. Cells marked run=false are examples,
 * not code, and are left out.
 */
export const markdownCells = {
  meta: {name: "markdown-cells"},
  preprocess(text) {
    const lines = text.split("\n");
    let fence = null;
    const kinds = lines.map((line) => {
      if (fence) {
        if (/^```\s*$/.test(line)) fence = null;
        return fence ?? "fence";
      }
      const open = /^```(\S*)(.*)$/.exec(line);
      if (!open) return "markdown";
      fence = /^(js|javascript)$/.test(open[1]) && !/\brun=false\b/.test(open[2]) ? "cell" : "other";
      return "fence";
    });
    const markdown = inlineExpressions(lines.map((line, i) => (kinds[i] === "markdown" ? line : "")).join("\n"));
    const code = markdown.split("\n").map((line, i) => (kinds[i] === "cell" ? lines[i] : line));
    return [{text: code.join("\n"), filename: "cells.js"}];
  },
  postprocess: (messages) => messages.flat(),
  // a fix computed on the blanked text would land elsewhere in the page
  supportsAutofix: false
};

/** What Framework defines in every page's cells. */
export const FRAMEWORK_GLOBALS = Object.fromEntries(
  [
    "display",
    "view",
    "FileAttachment",
    "width",
    "invalidation",
    "now",
    "visibility",
    "Generators",
    "Mutable",
    "resize",
    "observable"
  ].map((name) => [name, "readonly"])
);

/** Markdown with each ${expression} as the statement ;(expression) in its place and everything else blank. */
function inlineExpressions(text) {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const end = text.startsWith("${", i) ? closingBrace(text, i + 2) : -1;
    if (end >= 0) {
      out += `;(${text.slice(i + 2, end)})`;
      i = end + 1;
    } else {
      out += text[i] === "\n" ? "\n" : " ";
      i++;
    }
  }
  return out;
}

function closingBrace(text, start) {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") i = stringEnd(text, i + 1, c);
    else if (c === "`") i = templateEnd(text, i + 1);
    else if (c === "{") depth++;
    else if (c === "}" && depth-- === 0) return i;
  }
  return -1;
}

function stringEnd(text, start, quote) {
  for (let i = start; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote || text[i] === "\n") return i;
  }
  return text.length;
}

function templateEnd(text, start) {
  for (let i = start; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === "`") return i;
    else if (text.startsWith("${", i)) {
      const end = closingBrace(text, i + 2);
      if (end < 0) return text.length;
      i = end;
    }
  }
  return text.length;
}
