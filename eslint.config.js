import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {ignores: ["dist/", "node_modules/", "src/.observablehq/", "data/", "scratch/", "bench/out/", ".*.sites/", ".*.building/", "test-screenshots/"]},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.js"],
    languageOptions: {globals: globals.browser}
  },
  {
    languageOptions: {globals: {process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly"}},
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", {argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_"}],
      "@typescript-eslint/no-non-null-assertion": "off"
    }
  }
);
