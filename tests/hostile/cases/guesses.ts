import {expect} from "vitest";
import {csv, OPPORTUNITY_HEADER, type HostileCase} from "../hostile-case.ts";
import {NOT_A_DATE, NOT_A_SHARE, NOT_AN_AMOUNT, rowsWith, values, WITHOUT_IT} from "./values.ts";

/** Words DuckDB's casts read as dates (epoch as 1970-01-01, infinity as after every day), a date BC, a zone by name. */
const NOT_DATES = [
  "epoch",
  "infinity",
  "-infinity",
  "allballs",
  "today",
  "now",
  "2024-01-05 (BC)",
  "2024-01-05 10:00:00 UTC"
];

/**
 * Values that DuckDB's casts, or a spreadsheet before them, would bend into something the export did not say: each
 * is set aside, never guessed.
 */
export const GUESS_CASES: HostileCase[] = [
  {
    name: "words DuckDB reads as dates",
    files: {
      "opportunities.csv": csv(OPPORTUNITY_HEADER, ...rowsWith("created_at", NOT_DATES))
    },
    expect: {
      "opportunities.csv": {
        loaded: 8,
        setAside: NOT_DATES.map((value, i): [number, string, string, string] => [
          i + 2,
          "invalid_date",
          "created_at",
          NOT_A_DATE(value)
        ])
      }
    },
    check: async (query) => expect(await values(query, "created_at")).toEqual(Array(8).fill(null))
  },
  {
    // PostgreSQL writes an offset of whole hours so; read without it, the time would be 8 hours off
    name: "an offset of hours alone",
    files: {"opportunities.csv": csv(OPPORTUNITY_HEADER, ...rowsWith("created_at", ["2024-01-05 10:00:00+08"]))},
    expect: {"opportunities.csv": {loaded: 1}},
    check: async (query) => expect(await values(query, "created_at::VARCHAR")).toEqual(["2024-01-05 02:00:00"])
  },
  {
    // DuckDB reads 1_2_3 as 123; a spreadsheet writes 123456789012 as 1.23457E+11, and 1e-7 would load as 0.00
    name: "amounts a cast or a spreadsheet bends",
    files: {
      "opportunities.csv": csv(
        "opportunity_id,stage,amount,created_at",
        "o1,won,1_2_3,2024-01-05",
        "o2,won,USD 12 EUR,2024-01-05",
        "o3,won,1e-7,2024-01-05",
        "o4,won,1.23457E+11,2024-01-05",
        "o5,won,¥12 $,2024-01-05",
        "o6,won,12 USD,2024-01-05",
        "o7,won,US$12 USD,2024-01-05"
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 7,
        setAside: [
          [2, "invalid_amount", "amount", NOT_AN_AMOUNT("1_2_3")],
          [3, "invalid_amount", "amount", `"USD 12 EUR" names more than one currency${WITHOUT_IT}`],
          [
            4,
            "invalid_amount",
            "amount",
            `"1e-7" is in exponent notation, which a spreadsheet writes for a number it shows rounded${WITHOUT_IT}`
          ],
          [
            5,
            "invalid_amount",
            "amount",
            `"1.23457E+11" is in exponent notation, which a spreadsheet writes for a number it shows rounded${WITHOUT_IT}`
          ],
          [6, "invalid_amount", "amount", `"¥12 $" names more than one currency${WITHOUT_IT}`]
        ]
      }
    },
    check: async (query) =>
      expect(await values(query, "amount::VARCHAR")).toEqual([null, null, null, null, null, "12.00", "12.00"])
  },
  {
    // DuckDB reads 0_5 as 5 (a share of 0.05); separators anywhere would make 1,2,3 employees 123
    name: "shares and whole numbers a cast bends",
    files: {
      "opportunities.csv": csv(
        "opportunity_id,stage,created_at,probability",
        "o1,intent,2024-01-05,0_5",
        "o2,intent,2024-01-05,5_0%",
        "o3,intent,2024-01-05,0.5"
      ),
      "accounts.csv": csv(
        "account_id,name,employees",
        'a1,Acme,"1,2,3"',
        "a2,Bolt,1 2 3",
        "a3,Crest,1_000",
        'a4,Delta,"1,200"',
        "a5,Ember,350人"
      )
    },
    expect: {
      "opportunities.csv": {
        loaded: 3,
        setAside: [
          [2, "invalid_ratio", "probability", NOT_A_SHARE("0_5")],
          [3, "invalid_ratio", "probability", NOT_A_SHARE("5_0%")]
        ]
      },
      "accounts.csv": {
        loaded: 5,
        setAside: [
          [2, "invalid_integer", "employees", `"1,2,3" is not a whole number${WITHOUT_IT}`],
          [3, "invalid_integer", "employees", `"1 2 3" is not a whole number${WITHOUT_IT}`],
          [4, "invalid_integer", "employees", `"1_000" is not a whole number${WITHOUT_IT}`]
        ]
      }
    },
    check: async (query) => {
      expect(await values(query, "probability")).toEqual([null, null, 0.5]);
      const employees = await query("SELECT employees::INTEGER AS n FROM accounts ORDER BY _line");
      expect(employees.map((row) => row.n)).toEqual([null, null, null, 1200, 350]);
    }
  }
];
