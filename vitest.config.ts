import {defineConfig} from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // a fixed zone other than UTC catches code that reads local time
    env: {TZ: "America/Los_Angeles", OBSERVABLE_TELEMETRY_DISABLE: "true"},
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: {json: "test-results.json"}
  }
});
