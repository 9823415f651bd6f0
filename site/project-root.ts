import {dirname, resolve} from "node:path";
import {fileURLToPath} from "node:url";

/** The project folder: the one holding observablehq.config.ts, node_modules and src/. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
