import iconv from "iconv-lite";
import {expect} from "vitest";
import {BOM, bytes, csv, OPPORTUNITY_HEADER, ZH_HEADER, type HostileCase, type Query} from "../hostile-case.ts";

const ENCODING = "invalid bytes for the file's encoding (mixed encodings?)";
const gbk = (text: string) => iconv.encode(text, "gbk");
const ZH_ROWS = ["SJ1,华东项目,意向,100,2024-01-05", "SJ2,华南项目,谈判,200,2024-01-06"];

async function names(query: Query): Promise<string[]> {
  return (await query("SELECT name FROM opportunities ORDER BY _line")).map((row) => String(row.name));
}

/** Bytes in one encoding or several, labelled rightly or wrongly. */
export const ENCODING_CASES: HostileCase[] = [
  {
    name: "UTF-8 with a byte-order mark and CRLF",
    files: {"商机.csv": bytes(BOM, csv(ZH_HEADER, ...ZH_ROWS).replaceAll("\n", "\r\n"))},
    expect: {"商机.csv": {loaded: 2}},
    check: async (query) => expect(await names(query)).toEqual(["华东项目", "华南项目"])
  },
  {
    name: "GBK, as Chinese CRMs export to Excel",
    files: {"商机.csv": gbk(csv(ZH_HEADER, ...ZH_ROWS))},
    expect: {"商机.csv": {loaded: 2}},
    check: async (query) => expect(await names(query)).toEqual(["华东项目", "华南项目"])
  },
  {
    // the bytes decide, not the file name
    name: "GBK in a file named UTF-8",
    files: {"商机_UTF8.csv": gbk(csv(ZH_HEADER, ...ZH_ROWS))},
    expect: {"商机_UTF8.csv": {loaded: 2}},
    check: async (query, result) => {
      expect(result.files[0].encoding).toBe("gb18030");
      expect(await names(query)).toEqual(["华东项目", "华南项目"]);
    }
  },
  {
    // some tools put a UTF-8 byte-order mark in front of whatever they save: the GBK behind it is still read as GBK
    name: "GBK behind a UTF-8 byte-order mark",
    files: {"商机.csv": bytes(BOM, gbk(csv(ZH_HEADER, ...ZH_ROWS)))},
    expect: {"商机.csv": {loaded: 2}},
    check: async (query, result) => {
      expect(result.files[0].encoding).toBe("gb18030");
      expect(await names(query)).toEqual(["华东项目", "华南项目"]);
    }
  },
  {
    name: "invalid UTF-8 bytes in a loaded column",
    files: {
      "opportunities.csv": bytes(
        csv(OPPORTUNITY_HEADER, "o1,上海明达,intent,100,2024-01-05"),
        "o2,Bad ",
        [0xff, 0xfe],
        " byte,intent,100,2024-01-05\n",
        "o3,Overlong ",
        [0xc0, 0xaf],
        ",intent,100,2024-01-05\n",
        "o4,Lone ",
        [0x80],
        " continuation,intent,100,2024-01-05\n",
        "o5,杭州禾田,won,100,2024-01-05\n",
        "o6,北京远航,won,100,2024-01-05\no7,深圳前海,won,100,2024-01-05\no8,成都锦程,won,100,2024-01-05\n"
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 5,
        rejectedRows: [
          [3, "invalid_encoding", "name", ENCODING],
          [4, "invalid_encoding", "name", ENCODING],
          [5, "invalid_encoding", "name", ENCODING]
        ]
      }
    }
  },
  {
    // a column the warehouse does not keep cannot make a row wrong
    name: "invalid UTF-8 bytes in a column that is not loaded",
    files: {
      "opportunities.csv": bytes(
        "opportunity_id,stage,created_at,internal notes\n",
        "o1,intent,2024-01-05,ok\n",
        "o2,intent,2024-01-05,",
        [0xff],
        "\n"
      )
    },
    expect: {"opportunities.csv": {loaded: 2}}
  },
  {
    name: "mixed encodings: a GBK row in a UTF-8 file",
    files: {
      "商机.csv": bytes(
        csv(ZH_HEADER, ...ZH_ROWS, "SJ3,华北项目,意向,300,2024-01-07"),
        gbk("SJ4,西南项目,意向,400,2024-01-08\n"),
        "SJ5,东北项目,谈判,500,2024-01-09\n"
      )
    },
    expect: {"商机.csv": {loaded: 4, rejectedRows: [[5, "invalid_encoding", "商机名称", ENCODING]]}}
  },
  {
    // read as GBK, the UTF-8 row would load as other Chinese characters without a word
    name: "mixed encodings: a UTF-8 row in a GBK file",
    files: {
      "商机.csv": bytes(
        gbk(csv(ZH_HEADER, ...ZH_ROWS, "SJ3,华北项目,意向,300,2024-01-07")),
        "SJ4,西南项目,意向,400,2024-01-08\n",
        gbk("SJ5,东北项目,谈判,500,2024-01-09\n")
      )
    },
    expect: {"商机.csv": {loaded: 4, rejectedRows: [[5, "invalid_encoding", "商机名称", ENCODING]]}},
    check: async (query) => expect(await names(query)).toEqual(["华东项目", "华南项目", "华北项目", "东北项目"])
  },
  {
    name: "GBK cut off inside a character",
    files: {
      "商机.csv": gbk(
        "商机编号,阶段,创建时间,商机名称\nSJ1,意向,2024-01-05,华东项目\nSJ2,谈判,2024-01-06,华南项目"
      ).subarray(0, -1)
    },
    expect: {"商机.csv": {loaded: 1, rejectedRows: [[3, "invalid_encoding", "商机名称", ENCODING]]}}
  },
  {
    name: "GBK with a character cut in half in a loaded column",
    files: {"商机.csv": bytes(gbk(csv(ZH_HEADER, ZH_ROWS[0]) + "SJ2,华"), [0xc4], gbk(",意向,100,2024-01-05\n"))},
    expect: {"商机.csv": {loaded: 1, rejectedRows: [[3, "invalid_encoding", "商机名称", ENCODING]]}}
  },
  {
    // 𠮷 (in 𠮷野家) is outside GBK: GB18030 writes it in four bytes
    name: "GB18030 four-byte characters",
    files: {"商机.csv": iconv.encode(csv(ZH_HEADER, ...ZH_ROWS, "SJ3,𠮷野家餐饮,意向,300,2024-01-07"), "gb18030")},
    expect: {"商机.csv": {loaded: 3}},
    check: async (query) => expect(await names(query)).toEqual(["华东项目", "华南项目", "𠮷野家餐饮"])
  },
  {
    name: "windows-1252, as Excel saves a Western CSV",
    files: {
      "opportunities.csv": iconv.encode(csv(OPPORTUNITY_HEADER, "o1,Café Crème à Noël,won,100,2024-01-05"), "win1252")
    },
    expect: {"opportunities.csv": {loaded: 1}},
    check: async (query) => expect(await names(query)).toEqual(["Café Crème à Noël"])
  },
  {
    name: "UTF-16 little-endian with a byte-order mark, tab-separated (Excel's Unicode text)",
    files: {
      "opportunities.txt": bytes(
        [0xff, 0xfe],
        Buffer.from(csv(OPPORTUNITY_HEADER, "o1,Äpfel 苹果,won,100,2024-01-05").replaceAll(",", "\t"), "utf16le")
      )
    },
    expect: {"opportunities.txt": {loaded: 1}},
    check: async (query) => expect(await names(query)).toEqual(["Äpfel 苹果"])
  },
  {
    // its NULs would otherwise make it "binary"
    name: "UTF-16 little-endian without a byte-order mark",
    files: {"opportunities.csv": Buffer.from(csv(OPPORTUNITY_HEADER, "o1,Äpfel 苹果,won,100,2024-01-05"), "utf16le")},
    expect: {"opportunities.csv": {loaded: 1}},
    check: async (query) => expect(await names(query)).toEqual(["Äpfel 苹果"])
  },
  {
    name: "UTF-16 big-endian with a byte-order mark",
    files: {
      "opportunities.csv": bytes(
        [0xfe, 0xff],
        Buffer.from(csv(OPPORTUNITY_HEADER, "o1,Äpfel 苹果,won,100,2024-01-05"), "utf16le").swap16()
      )
    },
    expect: {"opportunities.csv": {loaded: 1}},
    check: async (query) => expect(await names(query)).toEqual(["Äpfel 苹果"])
  }
];
