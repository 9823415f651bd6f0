import {existsSync, readFileSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {z} from "zod";
import {CliError} from "./cli-error.ts";

export const PUBLISH_ACCESS = ["artifact", "pages", "password"] as const;
export type PublishAccess = (typeof PUBLISH_ACCESS)[number];
/** dimensions whose names a site can leave out */
export const HIDDEN_DIMENSIONS = ["accounts", "reps"] as const;
export type HiddenDimension = (typeof HIDDEN_DIMENSIONS)[number];

/** the kinds of exported codes a site names per language */
export const CODE_KINDS = ["channel", "activity", "ticket", "lostReason"] as const;
type CodeKind = (typeof CODE_KINDS)[number];
const CODE_NAMES = z.record(
  z.string().min(1),
  z
    .object({en: z.string().min(1), zh: z.string().min(1)})
    .partial()
    .strict()
);

const projectConfigSchema = z
  .object({
    /** the folder the CRM exports are dropped into; `shangji rebuild` ingests what is new in it */
    exports: z.string().min(1).default("data/sample"),
    warehouse: z.string().min(1).default("data/warehouse.duckdb"),
    /**
     * after every change, write the warehouse's tables as Parquet to <warehouse>.archive/, from which
     * `shangji restore` rebuilds it (otherwise the warehouse file is the only copy of its history)
     */
    archive: z.boolean().default(true),
    /** where the site is built */
    out: z.string().min(1).default("dist"),
    /**
     * the currency every amount is converted into (ISO 4217, e.g. CNY); default: the one most opportunities are in.
     * Amounts in another currency need an exchange_rates export
     */
    reportingCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, "reportingCurrency must be a three-letter ISO code such as CNY")
      .optional(),
    /** the site's language (SHANGJI_LOCALE overrides it) */
    locale: z.enum(["en", "zh-CN"]).default("en"),
    /**
     * the follow-up plan and when an open opportunity is stale (docs/method.md §5), each optional: hours to the
     * first contact (24), days to the materials (3–5) and the second contact (7–10), days without a touch before
     * a check-in (14), and days silent (90) or past the expected close (60) that make an opportunity stale
     */
    followUp: z
      .object({
        firstContactHours: z.number().nonnegative(),
        materialsMinDays: z.number().nonnegative(),
        materialsMaxDays: z.number().nonnegative(),
        secondContactMinDays: z.number().nonnegative(),
        secondContactMaxDays: z.number().nonnegative(),
        overdueDays: z.number().nonnegative(),
        staleSilentDays: z.number().positive(),
        stalePastCloseDays: z.number().nonnegative()
      })
      .partial()
      .strict()
      .default({}),
    /**
     * names of exported codes per language, by kind (channel, activity, ticket, lostReason) and code, e.g.
     * {"channel": {"trade_show": {"en": "Trade show", "zh": "展会"}}}; they override the defaults
     */
    displayNames: z
      .object(Object.fromEntries(CODE_KINDS.map((kind) => [kind, CODE_NAMES])) as Record<CodeKind, typeof CODE_NAMES>)
      .partial()
      .strict()
      .default({}),
    /**
     * the stage probability from which an open opportunity counts as commit or best case in the forecast
     * categories, where the export has no forecast category of its own
     */
    forecastCategories: z
      .object({commit: z.number().min(0).max(1).default(0.7), bestCase: z.number().min(0).max(1).default(0.4)})
      .strict()
      .refine((c) => c.bestCase <= c.commit, {message: "bestCase must not be above commit"})
      .default({commit: 0.7, bestCase: 0.4}),
    /** values per filter dimension the site precomputes (0: period only, for very large warehouses) */
    site: z
      .object({filterValues: z.number().int().min(0).max(50).default(12)})
      .strict()
      .default({filterValues: 12}),
    /**
     * who may read the built site: "artifact" (the default: kept as a CI artifact, readable by whoever can
     * read the repository's runs), "pages" (deployed in the clear: public on most GitHub plans) or "password"
     * (deployed with every page data file encrypted under SHANGJI_SITE_PASSPHRASE); `hide` lists the dimensions
     * whose names never reach the site
     */
    publish: z
      .object({
        access: z.enum(PUBLISH_ACCESS).default("artifact"),
        hide: z.array(z.enum(HIDDEN_DIMENSIONS)).optional()
      })
      .strict()
      .default({access: "artifact"})
      .refine((publish) => publish.access !== "pages" || publish.hide !== undefined, {
        message:
          'a site deployed in the clear ("access": "pages") is public: state what it hides, e.g. "hide": ["accounts"], ' +
          'or "hide": [] to show every name',
        path: ["hide"]
      })
  })
  .strict();

/** The project configuration with every default applied. */
export type ProjectConfig = Omit<z.infer<typeof projectConfigSchema>, "publish"> & {
  publish: {access: PublishAccess; hide: HiddenDimension[]};
};

export const PROJECT_CONFIG_FILE = "shangji.config.json";

/**
 * The project configuration (`shangji.config.json` in the working directory, or SHANGJI_CONFIG); defaults
 * when there is none. Relative paths in it are relative to the file's folder.
 */
export function readProjectConfig(path = process.env.SHANGJI_CONFIG ?? PROJECT_CONFIG_FILE): ProjectConfig {
  const file = resolve(path);
  if (!existsSync(file)) {
    if (process.env.SHANGJI_CONFIG) throw new CliError(`no project configuration at ${file}`, {exitCode: 3});
    return withDefaults(projectConfigSchema.parse({}));
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`, {exitCode: 2});
  }
  const parsed = projectConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(top level)"}: ${i.message}`);
    throw new CliError(`${file} is not a valid project configuration:\n${problems.join("\n")}`, {exitCode: 2});
  }
  const folder = dirname(file);
  const config = withDefaults(parsed.data);
  return {
    ...config,
    exports: resolve(folder, config.exports),
    warehouse: resolve(folder, config.warehouse),
    out: resolve(folder, config.out)
  };
}

/** Account names stay off any site that leaves the CI run (pages, password) unless `hide` says otherwise. */
function withDefaults(config: z.infer<typeof projectConfigSchema>): ProjectConfig {
  const {access, hide} = config.publish;
  return {...config, publish: {access, hide: hide ?? (access === "artifact" ? [] : ["accounts"])}};
}
