import {describe, expect, it} from "vitest";
import {readDelimited, type RawRecord} from "../../loaders/read/read-delimited.ts";
import iconv from "iconv-lite";
import {tempDir, writeFile} from "../ingest/temp-warehouse.ts";

async function records(content: string | Uint8Array, options: Partial<Parameters<typeof readDelimited>[1]> = {}) {
  const path = writeFile(tempDir(), "export.csv", content);
  const read: RawRecord[] = [];
  for await (const record of readDelimited(path, {encoding: "utf-8", bom: 0, delimiter: ",", ...options}))
    read.push(record);
  return read;
}

describe("readDelimited(path, options)", () => {
  it("numbers records by the line they start on", async () => {
    expect(await records("id,name\na,1\nb,2\n")).toEqual([
      {line: 1, fields: ["id", "name"]},
      {line: 2, fields: ["a", "1"]},
      {line: 3, fields: ["b", "2"]}
    ]);
  });

  it("counts blank lines it skips", async () => {
    expect((await records("id,name\n\na,1\n\n\nb,2")).map((r) => r.line)).toEqual([1, 3, 6]);
  });

  it("numbers the records after a quoted field with line breaks", async () => {
    const text = 'id,note\na,"one\ntwo\nthree"\nb,plain\nc,"x\ny"\nd,end\n';
    expect(await records(text)).toEqual([
      {line: 1, fields: ["id", "note"]},
      {line: 2, fields: ["a", "one\ntwo\nthree"]},
      {line: 5, fields: ["b", "plain"]},
      {line: 6, fields: ["c", "x\ny"]},
      {line: 8, fields: ["d", "end"]}
    ]);
  });

  it("numbers the records after a quoted field with CRLF line breaks in a CRLF file", async () => {
    const text = 'id,note\r\na,"one\r\ntwo"\r\nb,plain\r\n\r\nc,"x\r\n\r\ny"\r\nd,end\r\n';
    expect((await records(text)).map((r) => [r.line, r.fields[0]])).toEqual([
      [1, "id"],
      [2, "a"],
      [4, "b"],
      [6, "c"],
      [9, "d"]
    ]);
  });

  it("skips the byte-order mark it is told about", async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(await records(Buffer.concat([bom, Buffer.from("id\na\n")]), {bom: 3})).toEqual([
      {line: 1, fields: ["id"]},
      {line: 2, fields: ["a"]}
    ]);
  });

  it("decodes GB18030 across read chunks", async () => {
    // 13 bytes, then 1.2 MB of two-byte characters: the first 1 MiB read chunk ends inside a character
    const long = "商".repeat(600_000);
    const read = await records(iconv.encode(`编号,名称\n10,${long}\n11,客户\n`, "gbk"), {encoding: "gb18030"});
    expect(read.map((r) => [r.line, r.fields[0], r.fields[1].length])).toEqual([
      [1, "编号", 2],
      [2, "10", 600_000],
      [3, "11", 2]
    ]);
    expect(read[1].fields[1]).toBe(long);
  });

  it("reads semicolon- and tab-separated records", async () => {
    expect((await records("a;b\n1;2,5\n", {delimiter: ";"})).map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["1", "2,5"]
    ]);
    expect((await records("a\tb\n1\t2 3\n", {delimiter: "\t"})).map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["1", "2 3"]
    ]);
  });

  it("keeps ragged rows for the caller to judge", async () => {
    expect((await records("a,b,c\n1,2\n1,2,3,4\n")).map((r) => r.fields.length)).toEqual([3, 2, 4]);
  });
});
