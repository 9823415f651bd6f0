import {renameSync, writeFileSync} from "node:fs";

/** Writes `file` whole or not at all: a build killed mid-write leaves the previous content, never half of the new. */
export function replaceFile(file: string, content: string | Uint8Array): void {
  writeFileSync(`${file}.tmp`, content);
  renameSync(`${file}.tmp`, file);
}
