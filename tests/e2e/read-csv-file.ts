import {detectDelimiter} from "../../loaders/read/detect-delimiter.ts";
import {readDelimited} from "../../loaders/read/read-delimited.ts";
import {sniffFile} from "../../loaders/read/sniff-file.ts";

/** All records of a delimited export, header first, in whatever encoding it was saved (GBK, UTF-8 …). */
export async function readCsvFile(path: string): Promise<string[][]> {
  const sniffed = await sniffFile(path);
  const delimiter = detectDelimiter(sniffed.sample);
  const records: string[][] = [];
  for await (const {fields} of readDelimited(path, {encoding: sniffed.encoding, bom: sniffed.bom, delimiter})) {
    records.push(fields);
  }
  return records;
}
