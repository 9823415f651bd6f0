import {readFileSync} from "node:fs";
import {z} from "zod";
import {CliError} from "../../config/cli-error.ts";
import {FEATURE_ENTITIES} from "../../warehouse/schema/declared-features.ts";
import {ENTITIES, ENTITY_NAMES} from "../../warehouse/schema/entities.ts";
import {productKey} from "../../warehouse/schema/references.ts";

const valueOptions = {
  dateOrder: z.enum(["ymd", "dmy", "mdy"]).optional(),
  timezone: z
    .string()
    .refine(isTimeZone, {message: "unknown time zone (use an IANA name such as Asia/Shanghai)"})
    .optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "currency must be a three-letter ISO code such as CNY")
    .optional(),
  decimal: z.enum([".", ","]).optional(),
  missing: z.array(z.string()).optional()
};

const fileMapping = z
  .object({
    entity: z.enum(ENTITY_NAMES),
    sheet: z.string().optional(),
    headerRow: z.number().int().positive().optional(),
    delimiter: z.enum([",", ";", "\t", "|"]).optional(),
    /** source header → canonical column, or several canonical columns the one source column feeds */
    columns: z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])).default({}),
    /** canonical column → the value every row of the file has (a closed-deals file: {"stage": "won"}) */
    constants: z.record(z.string(), z.string()).optional(),
    /** the export holds every opportunity of the CRM: one it lacks was deleted or merged there */
    fullExport: z.boolean().optional(),
    ...valueOptions
  })
  .strict()
  .superRefine((mapping, context) => {
    const known = ENTITIES[mapping.entity].columns.map((c) => c.name);
    const unknown = (target: string) =>
      `unknown column "${target}" for ${mapping.entity} (expected one of ${known.join(", ")})`;
    const fed = new Set<string>();
    for (const [source, targets] of Object.entries(mapping.columns)) {
      for (const target of [targets].flat()) {
        if (!known.includes(target))
          context.addIssue({code: "custom", path: ["columns", source], message: unknown(target)});
        else if (fed.has(target))
          context.addIssue({
            code: "custom",
            path: ["columns", source],
            message: `"${target}" is fed by another column too`
          });
        fed.add(target);
      }
    }
    for (const target of Object.keys(mapping.constants ?? {})) {
      if (!known.includes(target))
        context.addIssue({code: "custom", path: ["constants", target], message: unknown(target)});
      else if (fed.has(target))
        context.addIssue({
          code: "custom",
          path: ["constants", target],
          message: `"${target}" is both a constant and fed by a column; keep one`
        });
    }
  });

const stage = z
  .object({
    name: z.string().min(1),
    kind: z.enum(["open", "won", "lost"]),
    probability: z.number().min(0).max(1).optional(),
    labels: z.array(z.string()).default([])
  })
  .strict();

const feature = z
  .strictObject({
    /** the source header the values are read from */
    column: z.string().trim().min(1, "expected the header of a column"),
    /** the name scoring and its reasons give the feature; default: the header */
    name: z.string().trim().min(1, "expected a name").optional(),
    kind: z.enum(["numeric", "categorical"])
  })
  .transform(({column, name, kind}) => ({column, name: name ?? column, kind}));

/** entity → the extra columns of its exports that scoring reads as features */
const features = z.strictObject(
  Object.fromEntries(FEATURE_ENTITIES.map((entity) => [entity, z.array(feature).optional()])) as Record<
    (typeof FEATURE_ENTITIES)[number],
    z.ZodOptional<z.ZodArray<typeof feature>>
  >,
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `features are read for ${FEATURE_ENTITIES.join(" and ")} only, not ${issue.keys.join(", ")}`
        : undefined
  }
);

export const mappingFileSchema = z
  .object({
    $schema: z.string().optional(),
    /** file name or glob (`*` and `?`) → how to read it */
    files: z.record(z.string(), fileMapping).default({}),
    /** source stage label → canonical stage name */
    stages: z.record(z.string(), z.string()).default({}),
    /** product as deals and quotes give it → the catalogue's product id or name */
    products: z
      .record(z.string(), z.string().trim().min(1, "expected a product id or name of the catalogue"))
      .optional(),
    /** replaces the default stage model (potential → intent → negotiation → won / lost) */
    stageModel: z.array(stage).min(2).optional(),
    /** when the export was taken; defaults to the time of the ingest */
    exportedAt: z
      .union([z.iso.datetime({offset: true}), z.iso.date()], {
        error: "expected an ISO date, or a date-time with its offset, such as 2024-04-01 or 2024-04-01T08:00:00+08:00"
      })
      .optional(),
    /** the export holds every opportunity of the CRM: one it lacks was deleted or merged there */
    fullExport: z.boolean().optional(),
    features: features.optional(),
    ...valueOptions
  })
  .strict()
  .superRefine((mapping, context) => {
    for (const entity of FEATURE_ENTITIES) {
      const names = new Map<string, number>();
      (mapping.features?.[entity] ?? []).forEach(({name}, k) => {
        const earlier = names.get(name.toLowerCase());
        if (earlier !== undefined)
          context.addIssue({
            code: "custom",
            path: ["features", entity, k, "name"],
            message: `"${name}" already names feature [${earlier}] of ${entity}`
          });
        else names.set(name.toLowerCase(), k);
      });
    }
    const stageNames = (mapping.stageModel ?? []).map((s) => s.name);
    const known = stageNames.length > 0 ? stageNames : ["potential", "intent", "negotiation", "won", "lost"];
    for (const [label, target] of Object.entries(mapping.stages)) {
      if (!known.includes(target)) {
        context.addIssue({
          code: "custom",
          path: ["stages", label],
          message: `unknown stage "${target}" (expected one of ${known.join(", ")})`
        });
      }
    }
    // aliases are matched as products are compared: case, spaces and punctuation ignored
    const aliases = new Map<string, [string, string]>();
    for (const [value, product] of Object.entries(mapping.products ?? {})) {
      const key = productKey(value);
      const earlier = aliases.get(key);
      if (key === "")
        context.addIssue({
          code: "custom",
          path: ["products", value],
          message: "names no product (only spaces or punctuation)"
        });
      else if (earlier && earlier[1] !== product)
        context.addIssue({
          code: "custom",
          path: ["products", value],
          message: `the same product as "${earlier[0]}" once case, spaces and punctuation are ignored, which maps to "${earlier[1]}"`
        });
      else aliases.set(key, [value, product]);
    }
  });

export type MappingFile = z.infer<typeof mappingFileSchema>;
export type FileMapping = z.infer<typeof fileMapping>;
export type FeatureDeclaration = z.infer<typeof feature>;
export type ValueOptions = Pick<FileMapping, "dateOrder" | "timezone" | "currency" | "decimal" | "missing">;

/** Reads and validates a mapping file; errors name the offending key, e.g. files["deals.csv"].columns["Deal No"]. */
export function readMappingFile(path: string): MappingFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new CliError(`no such mapping file: ${path}`, {exitCode: 3, cause: error});
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`mapping file ${path}: ${reason}`, {exitCode: 2, cause: error});
  }
  return parseMapping(json, path);
}

export function parseMapping(json: unknown, path = "mapping"): MappingFile {
  const result = mappingFileSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${formatPath(issue.path)}: ${issue.message}`);
  throw new CliError(`mapping file ${path} is invalid:\n${problems.join("\n")}`, {exitCode: 2});
}

function formatPath(path: PropertyKey[]): string {
  if (path.length === 0) return "(top level)";
  return path
    .map((key, i) =>
      typeof key === "number"
        ? `[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(key))
          ? `${i ? "." : ""}${String(key)}`
          : `[${JSON.stringify(key)}]`
    )
    .join("");
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", {timeZone: zone});
    return true;
  } catch {
    return false;
  }
}

/** The file mapping that applies to a file name: an exact name first, then the first matching glob. */
export function fileMappingFor(mapping: MappingFile | undefined, fileName: string): FileMapping | undefined {
  if (!mapping) return undefined;
  if (mapping.files[fileName]) return mapping.files[fileName];
  for (const [pattern, fileMapping] of Object.entries(mapping.files))
    if (globMatches(pattern, fileName)) return fileMapping;
  return undefined;
}

function globMatches(pattern: string, name: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`).test(name);
}
