import {open} from "node:fs/promises";

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

const SAMPLE_BYTES = 1 << 20;

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
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return text(bytes, "utf-8", 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return text(bytes, "utf-16le", 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return text(bytes, "utf-16be", 2);
  if (isBinary(bytes)) return {kind: "binary", ...none};
  if (isUtf8(bytes, complete)) return text(bytes, "utf-8", 0);
  return text(bytes, isLatin(bytes) ? "windows-1252" : "gb18030", 0);
}

function text(bytes: Buffer, encoding: TextEncoding, bom: number): Sniffed {
  const body = bytes.subarray(bom);
  const sample = new TextDecoder(encoding === "gb18030" ? "gb18030" : encoding).decode(body);
  return {kind: "text", encoding, bom, sample};
}

/** NUL bytes or many control characters mean the file is not a text export. */
function isBinary(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control > n * 0.1;
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
 * the stray bytes are quarantined. GBK text read as UTF-8 has about five invalid sequences per valid one.
 */
function isMostlyUtf8(bytes: Buffer): boolean {
  let invalid = 0;
  let valid = 0;
  for (const char of new TextDecoder("utf-8").decode(bytes)) {
    if (char === "\uFFFD") invalid++;
    else if (char.codePointAt(0)! > 0x7f) valid++;
  }
  return invalid * 4 < valid;
}
