import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {installValueMacros} from "../../loaders/ingest/value-macros.ts";
import {normalizeLabel} from "../../warehouse/schema/stages.ts";
import {openWarehouse, type Warehouse} from "../../warehouse/open-warehouse.ts";

// The macros run in an in-memory warehouse opened as ingest opens its own (session time zone UTC).
let warehouse: Warehouse;
beforeAll(async () => {
  warehouse = await openWarehouse(":memory:");
  await installValueMacros(warehouse.connection);
});
afterAll(() => warehouse.close());

/** The macro call `expression` (over $s) applied to `input`, as text. */
async function value(expression: string, input: string): Promise<string | null> {
  const reader = await warehouse.connection.runAndReadAll(`SELECT CAST(${expression} AS VARCHAR)`, {s: input});
  return reader.getRowsJson()[0][0] as string | null;
}

async function number(expression: string, input: string): Promise<number | null> {
  const reader = await warehouse.connection.runAndReadAll(`SELECT CAST(${expression} AS DOUBLE)`, {s: input});
  return reader.getRowsJson()[0][0] as number | null;
}

describe("sj_date(s, date_order)", () => {
  it.each([
    ["2024-01-05", "2024-01-05"],
    ["2024/1/5", "2024-01-05"],
    ["2024.1.5", "2024-01-05"],
    ["2024年1月5日", "2024-01-05"],
    ["20240105", "2024-01-05"],
    [" 2024-01-05 ", "2024-01-05"],
    ["2024-01-05 13:45:00", "2024-01-05"],
    ["2024-02-29", "2024-02-29"]
  ])("reads %j as %s", async (input, expected) => {
    expect(await value("sj_date($s, NULL)", input)).toBe(expected);
  });

  // Excel counts days from 1899-12-30; only five digits make a serial: 10000 is 1927-05-18, 73415 is 2100-12-31
  it.each([
    ["10000", "1927-05-18"],
    ["45296", "2024-01-05"],
    ["45351", "2024-02-29"],
    ["73415", "2100-12-31"]
  ])("reads the Excel serial %s as %s", async (input, expected) => {
    expect(await value("sj_date($s, NULL)", input)).toBe(expected);
  });

  // 2024 would be 1905-07-16 and 12 1900-01-12: a year or a day, far likelier than a date before 1927
  it.each(["1", "12", "60", "2024", "9999", "73416", "99999", "2958465"])(
    "reads %j, no five-digit serial up to 2100, as invalid",
    async (input) => {
      expect(await value("sj_date($s, NULL)", input)).toBeNull();
    }
  );

  // DuckDB's casts read these words, and its strptime reads "epoch" whatever the format
  it.each(["epoch", "infinity", "-infinity", "allballs", "today", "now", "2024-01-05 (BC)", "2024-01-05 BC"])(
    "reads the word %j as invalid",
    async (input) => {
      expect(await value("sj_date($s, NULL)", input)).toBeNull();
      expect(await value("sj_timestamp($s, NULL, 'Asia/Shanghai')", input)).toBeNull();
      expect(await value("sj_month($s, NULL)", input)).toBeNull();
    }
  );

  // the 1900–2100 range is checked when a batch loads (see hostile-files.test.ts), not here
  it.each(["2024-13-45", "2023-02-30", "2023-02-29", "2024-00-10", "soon", "2024-01"])(
    "reads %j as invalid",
    async (input) => {
      expect(await value("sj_date($s, NULL)", input)).toBeNull();
    }
  );

  it("does not guess between day-first and month-first", async () => {
    expect(await value("sj_date($s, NULL)", "05/01/2024")).toBeNull();
    expect(await value("sj_date($s, NULL)", "13/01/2024")).toBeNull();
  });

  it("reads day-first and month-first dates when the order is configured", async () => {
    expect(await value("sj_date($s, 'dmy')", "05/01/2024")).toBe("2024-01-05");
    expect(await value("sj_date($s, 'mdy')", "05/01/2024")).toBe("2024-05-01");
    expect(await value("sj_date($s, 'dmy')", "5.1.2024")).toBe("2024-01-05");
    expect(await value("sj_date($s, 'dmy')", "31/12/2024")).toBe("2024-12-31");
    expect(await value("sj_date($s, 'mdy')", "31/12/2024")).toBeNull();
    expect(await value("sj_date($s, 'dmy')", "30/02/2024")).toBeNull();
  });

  it("still reads year-first dates when a day-first order is configured", async () => {
    expect(await value("sj_date($s, 'dmy')", "2024-01-05")).toBe("2024-01-05");
  });
});

describe("sj_timestamp(s, date_order, time_zone)", () => {
  it.each([
    // naive times are wall-clock times of the export's zone
    ["2024-01-05 13:45:00", "Asia/Shanghai", "2024-01-05 05:45:00"],
    ["2024-01-05 13:45", "Asia/Shanghai", "2024-01-05 05:45:00"],
    ["2024-01-05", "Asia/Shanghai", "2024-01-04 16:00:00"],
    ["2024年1月5日", "Asia/Shanghai", "2024-01-04 16:00:00"],
    ["2024-01-05 13:45:00", "America/Los_Angeles", "2024-01-05 21:45:00"],
    // summer time: Los Angeles is 7 hours behind UTC in July
    ["2024-07-05 13:45:00", "America/Los_Angeles", "2024-07-05 20:45:00"],
    ["2024-01-05 13:45:00", "UTC", "2024-01-05 13:45:00"],
    // an offset in the text wins over the export's zone
    ["2024-01-05T13:45:00Z", "Asia/Shanghai", "2024-01-05 13:45:00"],
    ["2024-01-05T13:45:00.000Z", "Asia/Shanghai", "2024-01-05 13:45:00"],
    ["2024-01-05T13:45:00+08:00", "America/Los_Angeles", "2024-01-05 05:45:00"],
    ["2024-01-05 13:45:00 -0500", "Asia/Shanghai", "2024-01-05 18:45:00"],
    ["2024-01-05T23:30:00-02:30", "UTC", "2024-01-06 02:00:00"],
    // an offset of hours alone, as PostgreSQL writes it
    ["2024-01-05 13:45:00+08", "UTC", "2024-01-05 05:45:00"],
    // Excel serial with a time of day: noon of 2024-01-05 in Shanghai
    ["45296.5", "Asia/Shanghai", "2024-01-05 04:00:00"]
  ])("reads %j in %s as %s UTC", async (input, zone, expected) => {
    expect(await value(`sj_timestamp($s, NULL, '${zone}')`, input)).toBe(expected);
  });

  it("reads a day-first time when the order is configured", async () => {
    expect(await value("sj_timestamp($s, 'dmy', 'America/Sao_Paulo')", "05/01/2024 14:30")).toBe("2024-01-05 17:30:00");
    expect(await value("sj_timestamp($s, NULL, 'America/Sao_Paulo')", "05/01/2024 14:30")).toBeNull();
  });

  // a zone by name is not read: in an export of Shanghai, "UTC" would be read as Shanghai time
  it.each(["2024-01-05 25:00:00", "2024-01-05 13:61", "2023-02-30 10:00:00", "60", "2024-01-05 10:00:00 UTC"])(
    "reads %j as invalid",
    async (input) => {
      expect(await value("sj_timestamp($s, NULL, 'UTC')", input)).toBeNull();
    }
  );
});

describe("sj_month(s, date_order)", () => {
  it.each([
    ["2024-03", "2024-03-01"],
    ["2024/3", "2024-03-01"],
    ["2024年3月", "2024-03-01"],
    ["202403", "2024-03-01"],
    ["2024-03-15", "2024-03-01"],
    ["2024-12-31 23:59:59", "2024-12-01"]
  ])("reads %j as the month starting %s", async (input, expected) => {
    expect(await value("sj_month($s, NULL)", input)).toBe(expected);
  });

  it.each(["2024-13", "2024-00", "March"])("reads %j as invalid", async (input) => {
    expect(await value("sj_month($s, NULL)", input)).toBeNull();
  });
});

describe("sj_monthday(s)", () => {
  it.each([
    ["03-15", "03-15"],
    ["3-5", "03-05"],
    ["1990-03-15", "03-15"],
    ["1990/3/5", "03-05"],
    ["3月15日", "03-15"],
    ["--03-15", "03-15"],
    ["02-29", "02-29"]
  ])("reads %j as %s", async (input, expected) => {
    expect(await value("sj_monthday($s)", input)).toBe(expected);
  });

  it.each(["02-30", "13-01", "00-10", "15"])("reads %j as invalid", async (input) => {
    expect(await value("sj_monthday($s)", input)).toBeNull();
  });
});

describe("sj_amount(s, decimal_mark)", () => {
  it.each([
    ["¥1,234.50", "1234.50"],
    ["￥1,234.50", "1234.50"],
    ["1.234,50 €", "1234.50"],
    ["1 234,50", "1234.50"],
    ["1\u00a0234,50", "1234.50"],
    ["(1,234.00)", "-1234.00"],
    ["-99.5", "-99.50"],
    ["12.5万", "125000.00"],
    ["3亿", "300000000.00"],
    ["$1,234", "1234.00"],
    ["USD 10", "10.00"],
    // one currency, named twice
    ["¥100元", "100.00"],
    ["HK$100 HKD", "100.00"],
    ["1,5", "1.50"],
    ["1,234,567.891", "1234567.89"],
    ["0", "0.00"]
  ])("reads %j as %s", async (input, expected) => {
    expect(await value("sj_amount($s, NULL)", input)).toBe(expected);
  });

  // DuckDB's cast reads 1_2_3 as 123; exponent notation is how a spreadsheet writes a number it rounded
  it.each(["n/a", "N/A", "-", "TBD", "1,2,3", "12..5", "¥", "1_2_3", "1e-7", "1E5", "¥1.2E+3", "inf", "NaN"])(
    "reads %j as invalid",
    async (input) => {
      expect(await value("sj_amount($s, NULL)", input)).toBeNull();
    }
  );

  it.each(["USD 12 EUR", "$12 HKD", "¥12 USD", "12欧元 £"])(
    "reads %j, naming two currencies, as invalid",
    async (input) => {
      expect(await value("sj_amount($s, NULL)", input)).toBeNull();
    }
  );

  it.each(["7.800", "1.234", "-12.500"])("never guesses whether the dot of %j groups thousands", async (input) => {
    expect(await value("sj_amount($s, NULL)", input)).toBeNull();
  });

  it.each([
    ["1.234.567", "1234567.00"],
    ["0.500", "0.50"],
    ["12.50", "12.50"]
  ])("reads %j, whose dots are not ambiguous, as %s", async (input, expected) => {
    expect(await value("sj_amount($s, NULL)", input)).toBe(expected);
  });

  it("reads the configured decimal mark", async () => {
    expect(await value("sj_amount($s, ',')", "1.234")).toBe("1234.00");
    expect(await value("sj_amount($s, '.')", "7.800")).toBe("7.80");
    expect(await value("sj_amount($s, ',')", "950,75")).toBe("950.75");
    expect(await value("sj_amount($s, '.')", "1,234")).toBe("1234.00");
  });
});

describe("sj_amount_currency(s)", () => {
  it.each([
    ["¥1,234.50", "CNY"],
    ["12万元", "CNY"],
    ["RMB 500", "CNY"],
    ["1.234,50 €", "EUR"],
    ["£20", "GBP"],
    ["HK$300", "HKD"],
    ["$1,234", "USD"],
    ["12 USD", "USD"],
    ["1 234,50", null]
  ])("reads the currency of %j as %s", async (input, expected) => {
    expect(await value("sj_amount_currency($s)", input)).toBe(expected);
  });
});

describe("sj_ratio(s, decimal_mark)", () => {
  it.each([
    ["35%", 0.35],
    ["35 %", 0.35],
    ["0.35", 0.35],
    ["35", 0.35],
    ["100%", 1],
    ["0", 0],
    ["1", 1]
  ])("reads %j as %d", async (input, expected) => {
    expect(await number("sj_ratio($s, NULL)", input)).toBe(expected);
  });

  it("reads a decimal comma when configured", async () => {
    expect(await number("sj_ratio($s, ',')", "12,5%")).toBe(0.125);
  });

  it.each(["150%", "101", "-5%", "high", "0_5", "5_0%", "inf", "nan%"])("reads %j as invalid", async (input) => {
    expect(await number("sj_ratio($s, NULL)", input)).toBeNull();
  });
});

describe("sj_outcome(s)", () => {
  it.each([
    ["Open", "open"],
    ["进行中", "open"],
    ["Won", "won"],
    ["Closed Won", "won"],
    ["closedwon", "won"],
    ["赢单", "won"],
    ["Lost", "lost"],
    ["closed_lost", "lost"],
    ["输单", "lost"],
    ["丢单", "lost"]
  ])("reads %j as %s", async (input, expected) => {
    expect(await value("sj_outcome($s)", input)).toBe(expected);
  });

  it("reads an unknown label as invalid", async () => {
    expect(await value("sj_outcome($s)", "Pending")).toBeNull();
  });
});

describe("sj_integer(s) and sj_boolean(s)", () => {
  it("reads whole numbers with grouping and a 人 suffix", async () => {
    expect(await value("sj_integer($s)", "1,200")).toBe("1200");
    expect(await value("sj_integer($s)", "350人")).toBe("350");
    expect(await value("sj_integer($s)", "1.5")).toBeNull();
  });

  it.each(["1,2,3", "1 2 3", "12,34", "1_000", "0x10", "0b101"])(
    "reads %j, no whole number, as invalid",
    async (input) => {
      expect(await value("sj_integer($s)", input)).toBeNull();
    }
  );

  it("reads yes and no in English and Chinese", async () => {
    expect(await value("sj_boolean($s)", "是")).toBe("true");
    expect(await value("sj_boolean($s)", "Yes")).toBe("true");
    expect(await value("sj_boolean($s)", "否")).toBe("false");
    expect(await value("sj_boolean($s)", "maybe")).toBeNull();
  });
});

describe("sj_normalize_label(s)", () => {
  it.each([
    ["Negotiation/Review", "negotiationreview"],
    ["Id. Decision Makers", "iddecisionmakers"],
    ["Closed_Won", "closedwon"],
    ["（意向）", "意向"],
    ["Deal - Stage", "dealstage"]
  ])("normalises %j to %j, as normalizeLabel does", async (input, expected) => {
    expect(await value("sj_normalize_label($s)", input)).toBe(expected);
    expect(normalizeLabel(input)).toBe(expected);
  });
});
