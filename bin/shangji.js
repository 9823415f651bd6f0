#!/usr/bin/env node
// The CLI is TypeScript run through tsx, the same runtime Observable Framework uses for data loaders.
import {register} from "tsx/esm/api";

register();
const {main} = await import("../cli/main.ts");
process.exitCode = await main(process.argv);
