import {createReadStream, createWriteStream} from "node:fs";
import {mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {pipeline} from "node:stream/promises";
import {textDecoder} from "./decode-text.ts";
import type {TextEncoding} from "./sniff-file.ts";

/**
 * Writes a UTF-8 copy of a text file in another encoding, line for line, so that DuckDB's reader
 * (UTF-8 only) can read GBK exports too. Undecodable bytes become U+FFFD, which the staging step
 * reports as invalid bytes, as are the characters of a UTF-8 line in a GBK file (see textDecoder).
 * Returns the copy's path and a function that deletes it.
 */
export async function transcodeToUtf8(
  path: string,
  encoding: TextEncoding,
  bom: number
): Promise<{path: string; remove: () => Promise<void>}> {
  const folder = await mkdtemp(join(tmpdir(), "shangji-"));
  const copy = join(folder, "utf8.csv");
  const decoder = textDecoder(encoding);
  await pipeline(
    createReadStream(path, {start: bom, highWaterMark: 1 << 20}),
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) yield decoder.decode(chunk);
      yield decoder.end();
    },
    createWriteStream(copy)
  );
  return {path: copy, remove: () => rm(folder, {recursive: true, force: true})};
}
