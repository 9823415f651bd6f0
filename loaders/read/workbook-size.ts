import {open} from "node:fs/promises";

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;

/**
 * The uncompressed size of a workbook's sheets and shared strings, from the ZIP's central directory,
 * without unpacking anything: what reading the workbook will take in memory. Infinity when it needs
 * ZIP64 (over 4 GiB); undefined when the directory cannot be read (a cut file: the workbook reader says so).
 */
export async function workbookXmlBytes(path: string): Promise<number | undefined> {
  const handle = await open(path, "r");
  try {
    const {size} = await handle.stat();
    const tail = Buffer.alloc(Math.min(size, 65_557));
    await handle.read(tail, 0, tail.length, size - tail.length);
    let end = -1;
    for (let i = tail.length - 22; i >= 0 && end === -1; i--) if (tail.readUInt32LE(i) === END_OF_DIRECTORY) end = i;
    if (end === -1) return undefined;
    const entries = tail.readUInt16LE(end + 10);
    const length = tail.readUInt32LE(end + 12);
    const offset = tail.readUInt32LE(end + 16);
    if (offset === 0xffffffff) return Infinity;
    if (offset + length > size) return undefined;
    const directory = Buffer.alloc(length);
    await handle.read(directory, 0, length, offset);
    let total = 0;
    for (let i = 0, at = 0; i < entries; i++) {
      if (at + 46 > length || directory.readUInt32LE(at) !== DIRECTORY_ENTRY) return undefined;
      const uncompressed = directory.readUInt32LE(at + 24);
      const nameLength = directory.readUInt16LE(at + 28);
      const name = directory.toString("utf8", at + 46, at + 46 + nameLength);
      if (/^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/i.test(name))
        total += uncompressed === 0xffffffff ? Infinity : uncompressed;
      at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    return total;
  } finally {
    await handle.close();
  }
}
