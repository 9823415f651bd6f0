import {execFileSync} from "node:child_process";
import {mkdirSync, symlinkSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {csv, goodRows, OPPORTUNITY_HEADER, type Content, type HostileCase} from "../hostile-case.ts";

const DEALS = csv(OPPORTUNITY_HEADER, ...goodRows(2));

/** A folder holding an export of its own, which is not read. */
const folder: Content = (path) => {
  mkdirSync(path);
  writeFileSync(join(path, "deals.csv"), csv(OPPORTUNITY_HEADER, ...goodRows(1, 10)));
};
/** A named pipe no process writes to: reading it would wait for ever. */
const fifo: Content = (path) => {
  execFileSync("mkfifo", [path]);
};
/** A link to an export kept outside the folder. */
const linkToExport: Content = (path) => {
  const target = join(dirname(path), "..", "kept-elsewhere.csv");
  writeFileSync(target, csv(OPPORTUNITY_HEADER, ...goodRows(1, 20)));
  symlinkSync(target, path);
};
const linkTo =
  (target: string): Content =>
  (path) =>
    symlinkSync(target, path);

/**
 * What else lies in an exports folder: each entry that is not a regular file, or that a spreadsheet or the system
 * keeps there, is skipped with a note, and the exports beside it load.
 */
export const FOLDER_CASES: HostileCase[] = [
  {
    name: "a folder named like an export inside the exports folder",
    folder: true,
    files: {"deals.csv": DEALS, "old.csv": folder, archive: folder},
    expect: {"deals.csv": {loaded: 2}},
    warnings: [
      "skipped archive: a folder (folders inside an exports folder are not read)",
      "skipped old.csv: a folder (folders inside an exports folder are not read)"
    ]
  },
  {
    name: "a named pipe, a device and a broken link in the exports folder",
    folder: true,
    files: {
      "deals.csv": DEALS,
      "live.csv": fifo,
      "null.csv": linkTo("/dev/null"),
      "gone.csv": linkTo("/nonexistent/shangji-export.csv"),
      "linked.csv": linkToExport
    },
    // a link to an export is read as the export
    expect: {"deals.csv": {loaded: 2}, "linked.csv": {loaded: 1}},
    warnings: [
      "skipped gone.csv: a link to a file that does not exist",
      "skipped live.csv: a named pipe, not a file",
      "skipped null.csv: a device, not a file"
    ]
  },
  {
    name: "spreadsheet lock files and hidden files in the exports folder",
    folder: true,
    files: {
      "deals.csv": DEALS,
      // Excel's owner file: the user's name, padded, in a file named like the workbook it locks
      "~$deals.xlsx": Buffer.concat([Buffer.from([8]), Buffer.from("Jane Doe".padEnd(53)), Buffer.alloc(112)]),
      ".~lock.deals.csv#": "Jane Doe,jane,laptop,05.01.2024 10:00,file:///home/jane/.config/libreoffice/4;\n",
      ".deals.csv": DEALS,
      "._deals.csv": Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]),
      ".DS_Store": Buffer.alloc(64)
    },
    expect: {"deals.csv": {loaded: 2}},
    warnings: [
      "skipped ._deals.csv: a hidden file",
      "skipped .deals.csv: a hidden file",
      "skipped .~lock.deals.csv#: a lock file a spreadsheet keeps while an export is open",
      "skipped ~$deals.xlsx: a lock file a spreadsheet keeps while an export is open"
    ]
  },
  {
    name: "an exports folder holding nothing but a folder",
    folder: true,
    files: {"old.csv": folder},
    expect: {},
    error:
      /^no export files \(\.csv, \.tsv, \.txt, \.xlsx\) in .*\/exports; skipped .*\/exports\/old\.csv: a folder \(folders inside an exports folder are not read\)$/
  },
  {
    name: "a named pipe named on the command line",
    files: {"live.csv": fifo},
    expect: {},
    error: /^.*\/live\.csv is a named pipe, not an export file: name export files or folders$/
  },
  {
    name: "a device named on the command line",
    files: {"null.csv": linkTo("/dev/null")},
    expect: {},
    error: /^.*\/null\.csv is a device, not an export file: name export files or folders$/
  },
  {
    // a shell's *.xlsx names the lock file beside the workbook
    name: "a spreadsheet lock file named on the command line",
    files: {"deals.csv": DEALS, "~$deals.csv": Buffer.from("Jane Doe".padEnd(54))},
    expect: {"deals.csv": {loaded: 2}},
    warnings: ["skipped ~$deals.csv: a lock file a spreadsheet keeps while an export is open"]
  }
];
