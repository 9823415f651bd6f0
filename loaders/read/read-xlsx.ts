import ExcelJS from "exceljs";
import type {RawRecord} from "./read-delimited.ts";

export interface Sheet {
  name: string;
  records: RawRecord[];
}

/** Reads every worksheet of a workbook as text records; `line` is the worksheet row number. */
export async function readXlsx(path: string): Promise<Sheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheets: Sheet[] = [];
  workbook.eachSheet((worksheet) => {
    const records: RawRecord[] = [];
    worksheet.eachRow({includeEmpty: false}, (row, rowNumber) => {
      const fields: string[] = [];
      for (let column = 1; column <= row.cellCount; column++) fields.push(cellText(row.getCell(column).value));
      while (fields.length > 0 && fields[fields.length - 1] === "") fields.pop();
      if (fields.length > 0) records.push({line: rowNumber, fields});
    });
    sheets.push({name: worksheet.name, records});
  });
  return sheets;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  // workbook dates are wall-clock times; exceljs hands them over as UTC, so drop the zone
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace("T", " ").replace(" 00:00:00", "");
  if (typeof value === "object") {
    // a formula the workbook holds no computed value for (saved by a script, not by Excel) keeps its text
    if ("formula" in value || "sharedFormula" in value)
      return value.result === undefined
        ? `=${"formula" in value ? value.formula : value.sharedFormula}`
        : cellText(value.result as ExcelJS.CellValue);
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value) return String(value.text);
    if ("error" in value) return String(value.error);
    return "";
  }
  return String(value);
}
