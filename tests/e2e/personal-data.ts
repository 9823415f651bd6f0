import {readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {readCsvFile} from "./read-csv-file.ts";

export interface PersonalData {
  names: Set<string>;
  emails: Set<string>;
  /** digits only */
  phones: Set<string>;
}

/** Which columns of the sample's exports hold a person's name, e-mail or phone (English or Chinese headers). */
const COLUMNS = {
  names: ["name", "contact_name", "first_name", "last_name", "full_name", "联系人", "姓名", "联系人姓名"],
  emails: ["email", "e-mail", "邮箱", "电子邮件"],
  phones: ["phone", "mobile", "手机", "电话"]
};

const CJK = /[\u3400-\u9fff]/u;

/**
 * The personal data of the contacts and leads exports: names of 2 or more characters (a single one
 * would match any text), e-mails and phone numbers. Names that are also part of a name the site
 * publishes on purpose (a rep's, an account's) cannot be told apart in text and are left out.
 */
export async function readPersonalData(files: string[], published: string[]): Promise<PersonalData> {
  const data: PersonalData = {names: new Set(), emails: new Set(), phones: new Set()};
  for (const file of files) {
    const [header, ...rows] = await readCsvFile(file);
    const columns = (kind: keyof typeof COLUMNS) =>
      header.flatMap((column, i) => (COLUMNS[kind].includes(column.trim().toLowerCase()) ? [i] : []));
    const found = {names: columns("names"), emails: columns("emails"), phones: columns("phones")};
    if (found.names.length === 0 || found.emails.length === 0 || found.phones.length === 0) {
      throw new Error(`${file}: no name, e-mail or phone column among ${header.join(", ")}`);
    }
    for (const row of rows) {
      for (const i of found.names) {
        const name = row[i]?.trim() ?? "";
        if ([...name].length >= 2 && !published.some((text) => text.includes(name))) data.names.add(name);
      }
      for (const i of found.emails) if (row[i]?.includes("@")) data.emails.add(row[i].trim().toLowerCase());
      for (const i of found.phones) {
        const digits = (row[i] ?? "").replace(/\D/g, "");
        if (digits.length >= 7) data.phones.add(digits);
      }
    }
  }
  return data;
}

/** `data` with more people: their names, e-mails and phones. */
export function withPeople(data: PersonalData, people: {name: string; email: string; phone: string}[]): PersonalData {
  return {
    names: new Set([...data.names, ...people.map((p) => p.name)]),
    emails: new Set([...data.emails, ...people.map((p) => p.email.toLowerCase())]),
    phones: new Set([...data.phones, ...people.map((p) => p.phone.replace(/\D/g, ""))])
  };
}

/** Where any of `data` occurs in the files under `folder`: "file: value" lines, empty when none. */
export function findPersonalData(folder: string, data: PersonalData): string[] {
  const find = personalDataFinder(data);
  const found: string[] = [];
  for (const entry of readdirSync(folder, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    found.push(...find(relative(folder, path), readFileSync(path, "utf8")));
  }
  return found;
}

/** A search for `data` in a text: "label: value" lines, empty when none. */
export function personalDataFinder(data: PersonalData): (label: string, text: string) => string[] {
  const longestName = Math.max(0, ...[...data.names].map((name) => [...name].length));
  const latinNames = [...data.names]
    .filter((name) => !CJK.test(name))
    .map(
      (name) => [name, new RegExp(`(?<!\\p{L})${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?!\\p{L})`, "u")] as const
    );
  return (label, text) => {
    const hits = new Set<string>();
    for (const email of text.toLowerCase().match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []) {
      if (data.emails.has(email)) hits.add(email);
    }
    for (const run of text.match(/\+?\d[\d -]{5,}\d/g) ?? []) {
      const digits = run.replace(/\D/g, "");
      if (data.phones.has(digits)) hits.add(run);
    }
    // every 2…n character window of every run of Chinese characters
    for (const run of text.match(/[\u3400-\u9fff]{2,}/gu) ?? []) {
      const chars = [...run];
      for (let start = 0; start < chars.length; start++) {
        for (let length = 2; length <= longestName && start + length <= chars.length; length++) {
          const window = chars.slice(start, start + length).join("");
          if (data.names.has(window)) hits.add(window);
        }
      }
    }
    for (const [name, pattern] of latinNames) if (pattern.test(text)) hits.add(name);
    return [...hits].map((hit) => `${label}: ${hit}`);
  };
}
