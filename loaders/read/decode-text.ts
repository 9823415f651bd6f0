import type {TextEncoding} from "./sniff-file.ts";

export interface ChunkDecoder {
  decode(chunk: Buffer): string;
  /** what is left at the end of the input */
  end(): string;
}

const LF = 0x0a;
const LONG_LINE = 1 << 20;

/**
 * A streaming decoder for a text encoding. In a GBK file, a line whose bytes are UTF-8 with Chinese
 * characters (a row pasted from another export) would decode into other, wrong Chinese characters and
 * load without a word; its non-ASCII characters become U+FFFD instead, which staging quarantines as
 * bytes the file's encoding cannot decode. Delimiters, quotes and line breaks are ASCII and stay as they are.
 */
export function textDecoder(encoding: TextEncoding): ChunkDecoder {
  const decoder = new TextDecoder(encoding === "gb18030" ? "gb18030" : encoding);
  if (encoding !== "gb18030")
    return {decode: (chunk) => decoder.decode(chunk, {stream: true}), end: () => decoder.decode()};
  let pending = Buffer.alloc(0);
  const utf8 = new TextDecoder("utf-8");
  const decodeLines = (bytes: Buffer): string => {
    let text = "";
    let start = 0; // bytes from start on are GBK lines not decoded yet
    for (let lineStart = 0; lineStart < bytes.length; ) {
      const lf = bytes.indexOf(LF, lineStart);
      const lineEnd = lf === -1 ? bytes.length : lf + 1;
      if (isUtf8Line(bytes, lineStart, lineEnd)) {
        text += decoder.decode(bytes.subarray(start, lineStart));
        text += utf8.decode(bytes.subarray(lineStart, lineEnd)).replace(/[\u0080-\u{10ffff}]/gu, "\uFFFD");
        start = lineEnd;
      }
      lineStart = lineEnd;
    }
    return text + decoder.decode(bytes.subarray(start));
  };
  return {
    decode(chunk) {
      const bytes = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      const last = bytes.lastIndexOf(LF);
      if (last === -1 && bytes.length > LONG_LINE) {
        // a line this long is not a pasted row: decode it as it comes rather than hold it
        pending = Buffer.alloc(0);
        return decoder.decode(bytes, {stream: true});
      }
      pending = Buffer.from(bytes.subarray(last + 1));
      return decodeLines(bytes.subarray(0, last + 1));
    },
    end() {
      const rest = decodeLines(pending);
      pending = Buffer.alloc(0);
      return rest;
    }
  };
}

/**
 * Whether a line is UTF-8 holding at least one character of three bytes or more (Chinese is): such a
 * run of GBK characters is rare, and a line of them even rarer.
 */
function isUtf8Line(bytes: Buffer, start: number, end: number): boolean {
  return utf8Width(bytes, start, end) >= 3;
}

/** The longest UTF-8 sequence in bytes[start, end): 1 for ASCII, 2 to 4, or -1 where the bytes are not UTF-8. */
export function utf8Width(bytes: Uint8Array, start: number, end: number): number {
  let widest = 1;
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > end) return -1;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return -1;
    widest = Math.max(widest, length);
    i += length - 1;
  }
  return widest;
}
