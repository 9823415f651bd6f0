import {open} from "node:fs/promises";
import {utf8Width} from "./decode-text.ts";
import {LIMITS} from "./limits.ts";

export type FileKind = "empty" | "text" | "xlsx" | "zip" | "binary";
export type TextEncoding = "utf-8" | "gb18030" | "windows-1252" | "utf-16le" | "utf-16be";

export interface Sniffed {
  kind: FileKind;
  encoding: TextEncoding;
  /** bytes of byte-order mark to skip */
  bom: number;
  /** the first bytes of the file, decoded, for delimiter and header detection */
  sample: string;
}

const SAMPLE_BYTES = LIMITS.headerBytes;

/** Reads the start of a file to tell what it is: empty, a workbook, a ZIP, binary, or text in which encoding. */
export async function sniffFile(path: string): Promise<Sniffed> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const {bytesRead} = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    const bytes = buffer.subarray(0, bytesRead);
    const complete = bytesRead < SAMPLE_BYTES;
    return sniffBytes(bytes, complete);
  } finally {
    await handle.close();
  }
}

export function sniffBytes(bytes: Buffer, complete: boolean): Sniffed {
  const none = {encoding: "utf-8" as const, bom: 0, sample: ""};
  if (bytes.length === 0) return {kind: "empty", ...none};
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    const isWorkbook = bytes.includes("xl/") || bytes.includes("[Content_Types].xml");
    return {kind: isWorkbook ? "xlsx" : "zip", ...none};
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return text(bytes, "utf-16le", 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return text(bytes, "utf-16be", 2);
  // a UTF-8 byte-order mark in front of GBK bytes (some tools add one to whatever they save) is only skipped
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(bom);
  if (body.length === 0) return text(bytes, "utf-8", bom);
  const utf16 = bom ? undefined : utf16ByteOrder(body);
  if (utf16) return text(bytes, utf16, 0);
  if (isBinary(body, complete)) return {kind: "binary", ...none};
  if (isUtf8(body, complete)) return text(bytes, "utf-8", bom);
  return text(bytes, isLatin(body) ? "windows-1252" : "gb18030", bom);
}

function text(bytes: Buffer, encoding: TextEncoding, bom: number): Sniffed {
  const body = bytes.subarray(bom);
  const sample = new TextDecoder(encoding === "gb18030" ? "gb18030" : encoding).decode(body);
  return {kind: "text", encoding, bom, sample};
}

/**
 * UTF-16 without a byte-order mark: the ASCII characters of its delimiters, line breaks and digits have
 * a NUL in every other byte, all on the same side.
 */
function utf16ByteOrder(bytes: Buffer): "utf-16le" | "utf-16be" | undefined {
  const pairs = Math.min(bytes.length, 8192) >> 1;
  if (pairs < 8) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const few = pairs * 0.02;
  if (odd >= pairs * 0.3 && even <= few) return "utf-16le";
  if (even >= pairs * 0.3 && odd <= few) return "utf-16be";
  return undefined;
}

/** Signatures of formats that are never an export, however text-like the bytes after them: PNG, JPEG, GIF, PDF, gzip,
 * 7-Zip, RAR, an old Office file (.xls, .doc) and a program. */
const SIGNATURES = [
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
  [0x25, 0x50, 0x44, 0x46, 0x2d],
  [0x1f, 0x8b],
  [0x37, 0x7a, 0xbc, 0xaf],
  [0x52, 0x61, 0x72, 0x21, 0x1a],
  [0xd0, 0xcf, 0x11, 0xe0],
  [0x7f, 0x45, 0x4c, 0x46]
];

/**
 * Binary data: a known binary format, or most lines holding a NUL or another control character. A text export holds
 * them in a row or two at most, wherever they are in the file: those rows are rejected and the others load. A run of
 * NULs at the very end is no line: a file cut short when written (a full disk, a crash) is padded so.
 */
function isBinary(bytes: Buffer, complete: boolean): boolean {
  if (SIGNATURES.some((signature) => signature.every((b, i) => bytes[i] === b))) return true;
  let end = bytes.length;
  if (complete) while (end > 0 && bytes[end - 1] === 0) end--;
  if (end === 0) return true;
  const n = Math.min(end, 8192);
  let lines = 0;
  let controlLines = 0;
  let length = 0;
  let control = false;
  for (let i = 0; i <= n; i++) {
    const b = i < n ? bytes[i] : 0x0a;
    if (b === 0x0a || b === 0x0d) {
      if (length > 0) {
        lines++;
        if (control) controlLines++;
      }
      length = 0;
      control = false;
    } else {
      length++;
      if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control = true;
    }
  }
  return controlLines * 2 > lines;
}

/**
 * Tells a Western export saved by Excel on Windows (windows-1252) from a Chinese one (GBK): accented
 * letters are single bytes between ASCII letters (runs of odd length), while Chinese text comes in
 * runs of byte pairs.
 */
function isLatin(bytes: Buffer): boolean {
  let runs = 0;
  let odd = 0;
  let length = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] >= 0x80) {
      length++;
    } else if (length > 0) {
      runs++;
      if (length % 2 === 1) odd++;
      length = 0;
    }
  }
  return runs > 0 && odd >= runs * 0.3;
}

function isUtf8(bytes: Buffer, complete: boolean): boolean {
  let end = bytes.length;
  // a sample cut in the middle of a multi-byte character is still UTF-8
  if (!complete) while (end > 0 && end > bytes.length - 4 && (bytes[end - 1] & 0xc0) === 0x80) end--;
  if (!complete && end > 0 && bytes[end - 1] >= 0xc0) end--;
  try {
    new TextDecoder("utf-8", {fatal: true}).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return isMostlyUtf8(bytes.subarray(0, end));
  }
}

/**
 * A few stray bytes (a Latin-1 "é" pasted into a UTF-8 export) do not make a file GBK: read as GB18030,
 * every Chinese value of it would load garbled without a word. Read as UTF-8, only the rows holding
 * the stray bytes are quarantined. GBK text read as UTF-8 has about five invalid sequences per valid one,
 * and hardly a line that is UTF-8 throughout; a UTF-8 file has most of its lines so, whatever its bad ones hold.
 */
function isMostlyUtf8(bytes: Buffer): boolean {
  let invalid = 0;
  let valid = 0;
  for (const char of new TextDecoder("utf-8").decode(bytes)) {
    if (char === "\uFFFD") invalid++;
    else if (char.codePointAt(0)! > 0x7f) valid++;
  }
  if (invalid * 4 < valid) return true;
  let utf8Lines = 0;
  let otherLines = 0;
  for (let start = 0; start < bytes.length; ) {
    const lf = bytes.indexOf(0x0a, start);
    const end = lf === -1 ? bytes.length : lf;
    const width = utf8Width(bytes, start, end);
    if (width === -1) otherLines++;
    else if (width > 1) utf8Lines++;
    start = end + 1;
  }
  return utf8Lines > otherLines;
}
