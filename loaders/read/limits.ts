/** What ingest reads at most; docs/limits.md lists each limit with the message beyond it. */
export const LIMITS = {
  /** the header row must lie within the start of the file that is sniffed */
  headerBytes: 1 << 20,
  /** the largest record (row) of a delimited file, in characters */
  recordChars: 16 << 20,
  /** as many columns as Excel has */
  columns: 16_384,
  /** line numbers are stored as INTEGER */
  lines: 2 ** 31 - 1,
  /** the uncompressed XML of a workbook's sheets and shared strings: a workbook is read whole into memory */
  workbookXmlBytes: 100 << 20
};

/** A file that cannot be read on from a line: ingest rejects it with this message instead of failing. */
export class UnreadableFile extends Error {
  constructor(line: number, reason: string) {
    super(`line ${line}: ${reason}`);
  }
}

export function tooManyLines(line: number): UnreadableFile {
  return new UnreadableFile(
    line,
    `more lines than one file may have (${LIMITS.lines.toLocaleString("en")}): split the export`
  );
}

export const mebibytes = (bytes: number) => `${Math.round(bytes / (1 << 20)).toLocaleString("en")} MiB`;
