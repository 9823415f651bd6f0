import {describe, expect, it} from "vitest";
import iconv from "iconv-lite";
import {sniffBytes, sniffFile} from "../../loaders/read/sniff-file.ts";
import {tempDir, writeFile} from "../ingest/temp-warehouse.ts";

const utf8 = (text: string) => Buffer.from(text, "utf8");

describe("sniffBytes(bytes, complete)", () => {
  it("calls 0 bytes empty", () => {
    expect(sniffBytes(Buffer.alloc(0), true).kind).toBe("empty");
  });

  it("reads UTF-8 without a byte-order mark", () => {
    expect(sniffBytes(utf8("商机编号,阶段\nSJ1,意向\n"), true)).toEqual({
      kind: "text",
      encoding: "utf-8",
      bom: 0,
      sample: "商机编号,阶段\nSJ1,意向\n"
    });
  });

  it("skips a UTF-8 byte-order mark", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8("id\n")]);
    expect(sniffBytes(bytes, true)).toEqual({kind: "text", encoding: "utf-8", bom: 3, sample: "id\n"});
  });

  it("detects GBK Chinese as GB18030", () => {
    const bytes = iconv.encode("商机编号,客户名称,金额\nSJ1,上海明达,￥100\n", "gbk");
    expect(sniffBytes(bytes, true)).toEqual({
      kind: "text",
      encoding: "gb18030",
      bom: 0,
      sample: "商机编号,客户名称,金额\nSJ1,上海明达,￥100\n"
    });
  });

  it("calls UTF-8 with a few stray Latin-1 bytes UTF-8", () => {
    const bytes = utf8("名称,城市\n上海明达,上海\nCaf# Paris,巴黎\n");
    bytes[bytes.indexOf("#")] = 0xe9;
    expect(sniffBytes(bytes, true).encoding).toBe("utf-8");
  });

  it("calls GBK GBK even where some of its characters are valid UTF-8", () => {
    // in GBK, 一 (D2 BB), 为 (CE AA) and 时 (CA B1) happen to be valid UTF-8; the other seven are not
    expect(sniffBytes(iconv.encode("一为,销售区域\n华东,时间\n", "gbk"), true).encoding).toBe("gb18030");
  });

  it("reads UTF-16 with a byte-order mark", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("id,名称\n", "utf16le")]);
    expect(sniffBytes(bytes, true)).toEqual({kind: "text", encoding: "utf-16le", bom: 2, sample: "id,名称\n"});
  });

  it("still calls a sample cut inside a UTF-8 character UTF-8", () => {
    const bytes = utf8("名称\n商机");
    expect(sniffBytes(bytes.subarray(0, bytes.length - 1), false).encoding).toBe("utf-8");
  });

  it("tells a workbook from another ZIP archive", () => {
    const zip = (name: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), utf8(name)]);
    expect(sniffBytes(zip("[Content_Types].xml"), true).kind).toBe("xlsx");
    expect(sniffBytes(zip("export/deals.csv"), true).kind).toBe("zip");
  });

  it("calls NUL bytes binary", () => {
    expect(sniffBytes(Buffer.from([0x69, 0x64, 0x00, 0x0a]), true).kind).toBe("binary");
  });

  it("calls text with a NUL byte in one of its rows text", () => {
    expect(sniffBytes(utf8("id,name\no1,a\0b\no2,c\n"), true).kind).toBe("text");
  });

  it("calls a file binary by the signature of a binary format, whatever text follows it", () => {
    const signed = (signature: number[]) => Buffer.concat([Buffer.from(signature), utf8("\nid,name\no1,a\no2,b\n")]);
    expect(sniffBytes(signed([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), true).kind).toBe("binary");
    expect(sniffBytes(signed([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), true).kind).toBe("binary");
  });

  it("calls random bytes binary", () => {
    let seed = 7;
    const random = Buffer.from(Array.from({length: 8192}, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 23));
    expect(sniffBytes(random, false).kind).toBe("binary");
  });
});

describe("sniffFile(path)", () => {
  it("reads the start of a file", async () => {
    const path = writeFile(tempDir(), "a.csv", "id;name\r\n1;x\r\n");
    expect(await sniffFile(path)).toEqual({kind: "text", encoding: "utf-8", bom: 0, sample: "id;name\r\n1;x\r\n"});
  });
});
