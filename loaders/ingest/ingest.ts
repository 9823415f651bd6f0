import {basename} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {CliError} from "../../config/cli-error.ts";
import {fileMappingFor, readMappingFile, type FileMapping, type MappingFile} from "../mapping/mapping-file.ts";
import {PRESETS} from "../presets/index.ts";
import {UnreadableFile} from "../read/limits.ts";
import type {PresetName} from "../presets/preset.ts";
import {ENTITIES, ENTITY_NAMES, isKeyColumn} from "../../warehouse/schema/entities.ts";
import type {ProductNearMiss} from "../../warehouse/schema/references.ts";
import {convertAmounts, ratesWarning, readReportingCurrency} from "../../warehouse/convert-amounts.ts";
import {DEFAULT_MEMORY_LIMIT, openWarehouse} from "../../warehouse/open-warehouse.ts";
import {dateExport, newestRecord} from "./date-export.ts";
import {findDeclaredFeatures, missingFeatureWarnings, pruneFeatureRows} from "./declared-features.ts";
import {findExportFiles, hashFile} from "./find-export-files.ts";
import {installLookups, stageModel} from "./install-lookups.ts";
import {loadBatch, stageRecords} from "./load-batch.ts";
import {FileRejection, openSources, type Source} from "./open-sources.ts";
import {recogniseEntity, RecognitionError, type Recognition} from "./recognise-entity.ts";
import {checkReferences, readProductNearMisses, type ReferenceReport} from "./check-references.ts";
import {stageWithDuckdb} from "./stage-with-duckdb.ts";
import {installValueMacros} from "./value-macros.ts";
import {keepNewerRows, prepareReplacedRows} from "./keep-newer-rows.ts";
import {removeVanished, type Removed} from "./remove-vanished.ts";
import {recordIngest, recordSnapshots, summarise, uniqueFiles, unloadedFiles} from "./record-ingest.ts";
import type {ValueSettings} from "./typed-select.ts";

export interface IngestOptions {
  paths: string[];
  warehouse: string;
  preset?: PresetName;
  /** a mapping file path, or one already read */
  mapping?: string | MappingFile;
  /** when the export was taken; default: the mapping file's exportedAt, else now */
  exportedAt?: string;
  /** the export holds every opportunity: one it lacks was removed in the CRM (default: the mapping file's fullExport) */
  fullExport?: boolean;
  /** progress lines (stderr in the CLI) */
  progress?: (line: string) => void;
  /** shangji.config.json's reportingCurrency; default: the currency most opportunities are in */
  reportingCurrency?: string;
}

export interface FileReport {
  file: string;
  entity?: string;
  source?: string;
  encoding?: string;
  format?: string;
  rowsRead: number;
  rowsLoaded: number;
  /** rows rejected into the quarantine (not loaded) */
  rowsQuarantined: number;
  /** values of loaded rows set aside or flagged in the quarantine */
  valuesSetAside: number;
  status: "loaded" | "unchanged" | "rejected";
  /** why a file was rejected, or what a loaded file lacks; about the file, never a row's values */
  message?: string;
}

export interface IngestResult {
  ingestId: number | null;
  exportedAt: string;
  files: FileReport[];
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  valuesSetAside: number;
  references: ReferenceReport[];
  /** products of deals and quotes not in the catalogue that probably mean one of its products */
  productNearMisses: ProductNearMiss[];
  /** what the user should know of the ingest as a whole (an export dated by its data, a folder's entries skipped) */
  warnings: string[];
  /** opportunities a full export no longer holds, moved out of the pipeline */
  removed: Removed;
  /** the first quarantined problems, for the summary */
  examples: {file: string; line: number | null; column: string | null; value: string | null; reason: string}[];
  reasons: {rule: string; count: number}[];
}

/**
 * Loads export files into the warehouse as one transaction: every row is either loaded or
 * quarantined with its file, line, column and reason, and files already loaded are skipped.
 */
export async function ingest(options: IngestOptions): Promise<IngestResult> {
  const found = findExportFiles(options.paths);
  const mapping =
    typeof options.mapping === "string" ? readMappingFile(options.mapping) : (options.mapping ?? found.mapping);
  const given = options.exportedAt ?? mapping?.exportedAt;
  const startedAt = new Date().toISOString();
  let exportedAt = given === undefined ? startedAt : exportTime(given);
  const hashes = await Promise.all(found.files.map(async (file) => ({file, ...(await hashFile(file))})));
  const warehouse = await openWarehouse(options.warehouse);
  const {connection} = warehouse;
  try {
    const full = options.fullExport ?? mapping?.fullExport ?? false;
    const unloaded = await unloadedFiles(connection, hashes);
    // a full export is read whole once anything in it is new: a file unchanged since the last export still holds its deals
    const fresh = full && unloaded.length > 0 ? uniqueFiles(hashes) : unloaded;
    const result: IngestResult = {
      ingestId: null,
      exportedAt,
      files: [],
      rowsRead: 0,
      rowsLoaded: 0,
      rowsQuarantined: 0,
      valuesSetAside: 0,
      warnings: [...found.skipped],
      removed: {count: 0, examples: []},
      references: [],
      productNearMisses: [],
      examples: [],
      reasons: []
    };
    for (const {file} of hashes)
      if (!fresh.includes(file))
        result.files.push({
          file,
          rowsRead: 0,
          rowsLoaded: 0,
          rowsQuarantined: 0,
          valuesSetAside: 0,
          status: "unchanged"
        });
    if (fresh.length === 0) {
      // the amounts were converted at the last ingest, unless the reporting currency has changed since
      const converted = await readReportingCurrency(connection);
      if (options.reportingCurrency && converted?.currency !== options.reportingCurrency) {
        await connection.run("BEGIN TRANSACTION");
        await convertAmounts(connection, options.reportingCurrency);
        await connection.run("COMMIT");
      }
      return result;
    }

    await connection.run("BEGIN TRANSACTION");
    let step = "reading the exports";
    try {
      const ingestId = Number(
        (await connection.runAndReadAll("SELECT nextval('ingest_id_seq')::INTEGER")).getRows()[0][0]
      );
      result.ingestId = ingestId;
      const stages = stageModel(mapping);
      await installValueMacros(connection);
      await installLookups(connection, stages, mapping);
      await prepareReplacedRows(connection);
      const planned = await planSources(fresh, options.preset, mapping, result.files);
      for (const {source, recognition, fileMapping} of planned) {
        step = `loading ${source.name}`;
        const report = await loadSource(connection, {
          ingestId,
          source,
          recognition,
          fileMapping,
          mapping,
          preset: options.preset,
          stageNames: stages.map((s) => s.name),
          progress: options.progress
        });
        result.files.push(report);
      }
      result.warnings.push(
        ...missingFeatureWarnings(
          mapping,
          planned.map((p) => p.recognition)
        )
      );
      if (given === undefined) {
        step = "dating the export by its newest record";
        const dated = dateExport(startedAt, await newestRecord(connection, ingestId));
        result.exportedAt = exportedAt = dated.exportedAt;
        if (dated.warning) result.warnings.push(dated.warning);
      }
      step = "recording the snapshot of opportunities";
      await recordSnapshots(connection, ingestId, exportedAt);
      step = "keeping the rows of newer exports";
      for (const {table, rows} of await keepNewerRows(connection, ingestId, exportedAt))
        result.warnings.push(
          `${rows.toLocaleString("en")} ${table} rows of exports newer than this one (${exportedAt.slice(0, 10)}) were kept: ` +
            `an older export fills gaps and adds to history, it never replaces newer rows`
        );
      step = "marking the opportunities a full export no longer holds";
      const fullNow = full && (await isWholeExport(connection, ingestId, result));
      result.removed = await removeVanished(connection, {ingestId, exportedAt, full: fullNow});
      step = "keeping the declared features of the rows that stand";
      await pruneFeatureRows(connection);
      step = "resolving owners, accounts and products given by name";
      result.references = await checkReferences(connection);
      result.productNearMisses = await readProductNearMisses(connection);
      step = "recording the ingest";
      await summarise(connection, ingestId, result);
      await recordIngest(connection, ingestId, exportedAt, result, hashes, fullNow);
      step = "converting amounts into the reporting currency";
      const reporting = await convertAmounts(connection, options.reportingCurrency);
      const ratesWrong = await ratesWarning(connection, reporting);
      if (ratesWrong) result.warnings.push(ratesWrong);
      await connection.run("COMMIT");
    } catch (error) {
      await connection.run("ROLLBACK");
      throw outOfMemory(error, step);
    }
    return result;
  } finally {
    warehouse.close();
  }
}

/** DuckDB's out-of-memory error, in the words of whoever runs the ingest, who can raise the limit. */
function outOfMemory(error: unknown, step: string): unknown {
  if (!(error instanceof Error) || !error.message.startsWith("Out of Memory Error")) return error;
  return new CliError(
    `the warehouse ran out of memory (${process.env.SHANGJI_MEMORY_LIMIT ?? DEFAULT_MEMORY_LIMIT}) while ${step}; nothing was changed. ` +
      `Set SHANGJI_MEMORY_LIMIT higher (the default is ${DEFAULT_MEMORY_LIMIT}), or ingest fewer exports at a time`,
    {cause: error}
  );
}

/** An ISO date (midnight UTC) or a date-time with its offset: a time without one would be read in this machine's zone. */
export function exportTime(text: string): string {
  const day = text.slice(0, 10);
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(day) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
  const time = new Date(text);
  if (
    !isDay ||
    !/^.{10}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/i.test(text) ||
    Number.isNaN(time.getTime())
  )
    throw new CliError(
      `exported-at "${text}" is not an ISO date, or a date-time with its offset, such as 2024-04-01 or 2024-04-01T08:00:00+08:00`,
      {exitCode: 2}
    );
  return time.toISOString();
}

/**
 * A full export must have loaded opportunities, every row of them readable: the key of an unreadable row is not
 * known, and its deal would look removed.
 */
async function isWholeExport(connection: DuckDBConnection, ingestId: number, result: IngestResult): Promise<boolean> {
  if (!result.files.some((f) => f.status === "loaded" && f.entity === "opportunities")) {
    result.warnings.push("the export is declared full but holds no opportunities: no opportunity is marked removed");
    return false;
  }
  const reader = await connection.runAndReadAll(
    `SELECT count(*)::INTEGER FROM quarantine
     WHERE ingest_id = $id AND entity = 'opportunities' AND scope = 'row' AND rule IN ('ragged_row', 'invalid_encoding')`,
    {id: ingestId}
  );
  const unreadable = Number(reader.getRowsJS()[0][0]);
  if (unreadable === 0) return true;
  result.warnings.push(
    `the export is declared full, but ${unreadable.toLocaleString("en")} opportunities rows could not be read: ` +
      `no opportunity is marked removed, since theirs may be among them`
  );
  return false;
}

interface Planned {
  fileMapping?: FileMapping;
  source: Source;
  recognition: Recognition;
}

/** Opens and recognises every file, then orders them so referenced tables load first. */
async function planSources(
  files: string[],
  preset: PresetName | undefined,
  mapping: MappingFile | undefined,
  reports: FileReport[]
): Promise<Planned[]> {
  const planned: Planned[] = [];
  for (const file of files) {
    const fileMapping = fileMappingFor(mapping, basename(file));
    try {
      for (const source of await openSources(file, fileMapping)) {
        try {
          const recognition = recogniseEntity(source.headers, source.name, {preset, fileMapping});
          recognition.features = findDeclaredFeatures(mapping, recognition.entity, source.headers);
          const missingKey = recognition.missingRequired.filter((c) => isKeyColumn(ENTITIES[recognition.entity], c));
          if (missingKey.length > 0) {
            // the headers of the CRM the file was recognised as (a Salesforce file wants CreatedDate, not created_at)
            const hintPreset = recognition.source === "mapping" ? (preset ?? "generic") : recognition.source;
            const hint = (PRESETS[hintPreset].entities[recognition.entity]?.columns[missingKey[0]] ?? []).slice(0, 3);
            throw new RecognitionError(
              `looks like ${recognition.entity} but has no column for ${missingKey.join(", ")}` +
                (hint.length ? ` (expected a header such as ${hint.map((h) => `"${h}"`).join(" or ")})` : "")
            );
          }
          planned.push({fileMapping, source, recognition});
        } catch (error) {
          if (!(error instanceof RecognitionError)) throw error;
          reports.push(rejected(source.name, `line ${source.headerLine}: ${error.message}`));
        }
      }
    } catch (error) {
      if (!(error instanceof FileRejection)) throw error;
      reports.push(rejected(file, error.message));
    }
  }
  const order = (p: Planned) => ENTITY_NAMES.indexOf(p.recognition.entity);
  return planned.sort((a, b) => order(a) - order(b));
}

function rejected(file: string, message: string): FileReport {
  return {file, rowsRead: 0, rowsLoaded: 0, rowsQuarantined: 0, valuesSetAside: 0, status: "rejected", message};
}

async function loadSource(
  connection: DuckDBConnection,
  args: {
    ingestId: number;
    source: Source;
    recognition: Recognition;
    fileMapping?: FileMapping;
    mapping?: MappingFile;
    preset?: PresetName;
    stageNames: string[];
    progress?: (line: string) => void;
  }
): Promise<FileReport> {
  const {source, recognition} = args;
  const {fileMapping} = args;
  const presetDefaults = PRESETS[recognition.source === "mapping" ? (args.preset ?? "generic") : recognition.source];
  const settings: ValueSettings = {
    dateOrder: fileMapping?.dateOrder ?? args.mapping?.dateOrder,
    timezone: fileMapping?.timezone ?? args.mapping?.timezone ?? presetDefaults.timezone,
    currency: fileMapping?.currency ?? args.mapping?.currency ?? presetDefaults.currency,
    decimal: fileMapping?.decimal ?? args.mapping?.decimal,
    missing: fileMapping?.missing ?? args.mapping?.missing ?? []
  };
  const context = {
    ingestId: args.ingestId,
    file: source.name,
    recognition,
    headers: source.headers,
    settings,
    stageNames: args.stageNames,
    strictWidth: source.strictWidth
  };
  const started = Date.now();
  const progress = (rows: number) => {
    const seconds = (Date.now() - started) / 1000;
    if (seconds > 1)
      args.progress?.(
        `${source.name}: ${rows.toLocaleString("en")} rows read (${Math.round(rows / seconds).toLocaleString("en")} rows/s)`
      );
  };
  let staged = false;
  try {
    staged =
      !!source.delimited &&
      !process.env.SHANGJI_NO_FAST_PATH &&
      (await stageWithDuckdb(connection, context, source.delimited));
    if (!staged) await stageRecords(connection, context, source.records(), progress);
  } catch (error) {
    // nothing of the file has reached the warehouse's tables yet
    if (error instanceof UnreadableFile) return rejected(source.name, error.message);
    throw error;
  }
  if (process.env.SHANGJI_PROFILE)
    process.stderr.write(`  ${source.name}: ${staged ? "DuckDB reader" : "record by record"}\n`);
  const counts = await loadBatch(connection, context);
  progress(counts.rowsRead);
  const lacking = recognition.missingRequired;
  return {
    file: source.name,
    entity: recognition.entity,
    source: recognition.source,
    encoding: source.encoding,
    format: source.format,
    ...counts,
    status: "loaded",
    ...(lacking.length ? {message: `no column holds ${lacking.join(", ")}: loaded without it`} : {})
  };
}
