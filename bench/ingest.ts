// Measures ingest against DuckDB's own CSV reader on the same export:
// `npx tsx bench/ingest.ts <exports-dir>`. DuckDB reads UTF-8 only, so GBK files are given to the
// baseline as UTF-8 copies made beforehand (untimed); ingest reads the originals.
import {mkdtempSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {ingest} from "../loaders/ingest/ingest.ts";
import {sniffFile} from "../loaders/read/sniff-file.ts";
import {transcodeToUtf8} from "../loaders/read/transcode-to-utf8.ts";

const [folder] = process.argv.slice(2);
if (!folder) throw new Error("usage: tsx bench/ingest.ts <exports-dir>");
const work = mkdtempSync(join(tmpdir(), "shangji-bench-"));
try {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith(".csv"))
    .sort();
  const copies: {name: string; path: string; remove?: () => Promise<void>}[] = [];
  for (const name of files) {
    const path = join(folder, name);
    const sniffed = await sniffFile(path);
    if (sniffed.encoding === "utf-8") copies.push({name, path});
    else copies.push({name, ...(await transcodeToUtf8(path, sniffed.encoding, sniffed.bom))});
  }

  const baselineStarted = performance.now();
  const instance = await DuckDBInstance.create(join(work, "baseline.duckdb"), {memory_limit: "4GB"});
  const connection = await instance.connect();
  for (const copy of copies) {
    await connection.run(`CREATE TABLE "${copy.name}" AS SELECT * FROM read_csv('${copy.path}')`);
  }
  connection.closeSync();
  instance.closeSync();
  const baseline = (performance.now() - baselineStarted) / 1000;
  for (const copy of copies) await copy.remove?.();

  const started = performance.now();
  const result = await ingest({paths: [folder], warehouse: join(work, "warehouse.duckdb")});
  const seconds = (performance.now() - started) / 1000;
  const rssGiB = process.resourceUsage().maxRSS / 1024 / 1024;
  console.log(`rows read        ${result.rowsRead.toLocaleString("en")} (${result.rowsQuarantined} quarantined)`);
  console.log(
    `ingest           ${seconds.toFixed(1)} s, ${Math.round(result.rowsRead / seconds).toLocaleString("en")} rows/s`
  );
  console.log(`DuckDB baseline  ${baseline.toFixed(1)} s (read_csv into tables, no validation)`);
  console.log(`ingest ratio     ${(seconds / baseline).toFixed(2)}`);
  console.log(`peak RSS         ${rssGiB.toFixed(2)} GiB (this process, baseline included)`);
} finally {
  rmSync(work, {recursive: true, force: true});
}
