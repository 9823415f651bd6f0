import type {DuckDBConnection} from "@duckdb/node-api";
import type {MappingFile} from "../mapping/mapping-file.ts";
import {presetStageLabels} from "../presets/index.ts";
import {productKeySql} from "../../warehouse/schema/references.ts";
import {DEFAULT_STAGES, normalizeLabel, stageLabelIndex, type Stage} from "../../warehouse/schema/stages.ts";
import {sqlString} from "./typed-select.ts";

/** Follow-up channel labels → canonical activity type. Unknown labels are kept, lower-cased. */
const ACTIVITY_TYPES: Record<string, string[]> = {
  call: ["call", "phone", "phone call", "电话", "致电", "呼叫", "电话沟通"],
  email: ["email", "e-mail", "mail", "邮件", "电子邮件"],
  meeting: ["meeting", "会议", "线上会议", "视频会议", "demo"],
  visit: ["visit", "拜访", "上门拜访", "现场拜访", "on-site visit"],
  social: ["social", "wechat", "微信", "企业微信", "社交", "linkedin", "weibo", "微博"],
  material_sent: ["material_sent", "materials", "send materials", "发送资料", "资料", "寄送资料", "发资料"]
};

/** The stage model in force: the mapping file's when it has one, else the default. */
export function stageModel(mapping?: MappingFile): Stage[] {
  if (!mapping?.stageModel) return DEFAULT_STAGES;
  let order = 0;
  return mapping.stageModel.map((stage) => ({...stage, order: stage.kind === "open" ? ++order : order + 1}));
}

/**
 * Installs the label → stage, label → activity-type and product alias lookups for this ingest and records the
 * stage model.
 */
export async function installLookups(
  connection: DuckDBConnection,
  stages: Stage[],
  mapping?: MappingFile
): Promise<void> {
  const labels = stageLabelIndex(stages, {...presetStageLabels(), ...(mapping?.stages ?? {})});
  const known = new Set(stages.map((s) => s.name));
  const rows = [...labels].filter(([, stage]) => known.has(stage));
  await connection.run(`CREATE OR REPLACE TEMP TABLE sj_stage_labels (label VARCHAR PRIMARY KEY, stage VARCHAR)`);
  await connection.run(
    `INSERT INTO sj_stage_labels VALUES ${rows.map(([l, s]) => `(${sqlString(l)}, ${sqlString(s)})`).join(", ")}`
  );
  await connection.run(`CREATE OR REPLACE TEMP TABLE sj_stage_kinds AS
    SELECT * FROM (VALUES ${stages.map((s) => `(${sqlString(s.name)}, ${sqlString(s.kind)})`).join(", ")}) t(stage, kind)`);
  const types = Object.entries(ACTIVITY_TYPES).flatMap(([type, names]) =>
    names.map((name) => `(${sqlString(normalizeLabel(name))}, ${sqlString(type)})`)
  );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE sj_activity_types AS SELECT DISTINCT * FROM (VALUES ${types.join(", ")}) t(label, type)`
  );
  await connection.run(`CREATE OR REPLACE TEMP TABLE sj_product_aliases (key VARCHAR PRIMARY KEY, product VARCHAR)`);
  const aliases = Object.entries(mapping?.products ?? {});
  if (aliases.length > 0)
    await connection.run(
      `INSERT INTO sj_product_aliases SELECT DISTINCT ${productKeySql("value")}, product
       FROM (VALUES ${aliases.map(([value, product]) => `(${sqlString(value)}, ${sqlString(product)})`).join(", ")}) t(value, product)`
    );
  await connection.run(`DELETE FROM stages`);
  await connection.run(
    `INSERT INTO stages VALUES ${stages
      .map((s) => `(${sqlString(s.name)}, ${sqlString(s.kind)}, ${s.order}, ${s.probability ?? "NULL"})`)
      .join(", ")}`
  );
}
