import {deflateSync} from "node:zlib";
import {expect} from "vitest";
import {bytes, csv, goodRows, OPPORTUNITY_HEADER, type HostileCase, type Query} from "../hostile-case.ts";

const NUL = "a NUL byte, which no text export holds (binary data in the row: is the file damaged?)";

const ids = async (query: Query) =>
  (await query("SELECT opportunity_id AS id FROM opportunities ORDER BY _line")).map((row) => row.id);

/** 299 good rows, lines 2–300: over 8 KB, so that what follows lies beyond the start of the file a reader samples. */
const FIRST_PAGES = csv(
  OPPORTUNITY_HEADER.replace("created_at", "created_at,internal notes"),
  ...goodRows(299).map((row) => `${row},ok`)
);

/** A PNG image whose metadata comes first, as text: its first lines read like text, its signature does not. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type), data, Buffer.alloc(4)]);
  };
  const header = Buffer.from([0, 0, 0, 16, 0, 0, 0, 16, 8, 2, 0, 0, 0]);
  const xmp = Array.from({length: 200}, (_, i) => `  <rdf:li>keyword ${i}</rdf:li>`).join("\n");
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("iTXt", Buffer.from(`XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>\n${xmp}\n</x:xmpmeta>\n`)),
    chunk("IDAT", deflateSync(Buffer.alloc(16 * 49, 0x7f))),
    chunk("IEND", Buffer.alloc(0))
  ]);
}

/** A NUL byte is an unreadable row wherever it is in the file: the row is rejected, the file loads. */
export const NUL_BYTE_CASES: HostileCase[] = [
  {
    name: "a NUL byte in an id at the start of a file",
    files: {
      "opportunities.csv": bytes(
        csv(OPPORTUNITY_HEADER, ...goodRows(1)),
        "o2",
        [0],
        "2,Deal 2,intent,100,2024-01-05\n",
        "o3,Deal 3,intent,100,2024-01-05\n"
      )
    },
    expect: {"opportunities.csv": {loaded: 2, rejectedRows: [[3, "invalid_encoding", "opportunity_id", NUL]]}},
    check: async (query) => expect(await ids(query)).toEqual(["o1", "o3"])
  },
  {
    // a NUL in a column the warehouse does not keep leaves its row whole
    name: "NUL bytes beyond the first 8 KB of a file",
    files: {
      "opportunities.csv": bytes(
        FIRST_PAGES,
        "o3",
        [0],
        "00,Deal X,intent,100,2024-01-05,ok\n",
        "o301,Deal ",
        [0],
        "Y,intent,100,2024-01-05,ok\n",
        "o302,Deal Z,intent,100,2024-01-05,o",
        [0],
        "k\n"
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 300,
        rejectedRows: [
          [301, "invalid_encoding", "opportunity_id", NUL],
          [302, "invalid_encoding", "name", NUL]
        ]
      }
    },
    check: async (query) => expect((await ids(query)).slice(-2)).toEqual(["o299", "o302"])
  },
  {
    // a bare carriage return sends the file through the record-by-record reader
    name: "a NUL byte in a file with old Mac line ends",
    files: {
      "opportunities.csv": `${OPPORTUNITY_HEADER}\ro1,Deal\u0000 1,intent,100,2024-01-05\ro2,Deal 2,intent,100,2024-01-05\r`
    },
    expect: {"opportunities.csv": {loaded: 1, rejectedRows: [[2, "invalid_encoding", "name", NUL]]}},
    check: async (query) => expect(await ids(query)).toEqual(["o2"])
  },
  {
    name: "a PNG image renamed .csv",
    files: {"opportunities.csv": png()},
    expect: {"opportunities.csv": {rejected: "not a text export: the file holds binary data"}}
  }
];
