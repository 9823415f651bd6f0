#!/usr/bin/env node
// The CLI is TypeScript run through tsx, the same runtime Observable Framework uses for data loaders.
import {register} from "tsx/esm/api";

register();
// a reader that stops early (`shangji ingest --help | head`) closes the pipe: stop writing, quietly
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
const {main} = await import("../cli/main.ts");
process.exitCode = await main(process.argv);
