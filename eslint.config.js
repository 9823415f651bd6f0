import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import {FRAMEWORK_GLOBALS, markdownCells} from "./scripts/eslint-markdown-cells.js";

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "node_modules/",
      "src/.observablehq/",
      "data/",
      "scratch/",
      "bench/out/",
      ".*.sites/",
      ".*.building/",
      "test-screenshots/"
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.js"],
    languageOptions: {globals: globals.browser}
  },
  // the ```js cells of the site's pages
  {
    files: ["src/**/*.md"],
    processor: markdownCells
  },
  {
    files: ["src/**/*.md/*.js"],
    languageOptions: {sourceType: "module", globals: {...globals.browser, ...FRAMEWORK_GLOBALS}},
    // a cell that is a bare expression displays its value
    rules: {"@typescript-eslint/no-unused-expressions": "off"}
  },
  {
    languageOptions: {globals: {process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly"}},
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        {argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_"}
      ],
      "@typescript-eslint/no-non-null-assertion": "off"
    }
  }
);
