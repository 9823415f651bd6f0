import type {DuckDBConnection} from "@duckdb/node-api";
import {channelPageFiles} from "./pages/channel-data.ts";
import {channelsData} from "./pages/channels-data.ts";
import {collectionsData} from "./pages/collections-data.ts";
import {cubeData, cubeKeys, type CubeData} from "./pages/cube-data.ts";
import {cubeRepFiles} from "./pages/cube-rep-files.ts";
import {customersData} from "./pages/customers-data.ts";
import {dataQualityData} from "./pages/data-quality-data.ts";
import {followUpData} from "./pages/follow-up-data.ts";
import {forecastData} from "./pages/forecast-data.ts";
import {funnelData} from "./pages/funnel-data.ts";
import {opportunitiesData} from "./pages/opportunities-data.ts";
import {overviewData} from "./pages/overview-data.ts";
import {pipelineData} from "./pages/pipeline-data.ts";
import {repPageFiles} from "./pages/rep-page-files.ts";
import {repsData} from "./pages/reps-data.ts";
import {serviceData} from "./pages/service-data.ts";
import {readSiteMeta} from "./read-site-meta.ts";
import type {ScoringResults} from "../pipelines/scoring.ts";

/**
 * The site's own page data, by file under src/: what each data loader in src/data/ computes. A site build
 * computes them all in two worker processes (page-data-workers.ts: stage entries once per worker) and hands
 * Framework the files; `observable preview` runs the loaders one by one instead. An entry with `periodFiles` is
 * written as a head at `file` and one part per period at `periodFiles` (period-files.ts).
 */
export interface PageDataEntry {
  file: string;
  /** the module of `read`, under site: its code and what it imports decide whether cached data is current */
  source: string;
  periodFiles?: string;
  /** the files of an entry whose one computation is written as several: each file with its data */
  files?: (data: unknown) => [string, unknown][];
  read: (connection: DuckDBConnection, shared?: SharedInputs) => Promise<unknown>;
  /** the shared inputs `read` asks for: a build computes the entries asking for one in the same process */
  shares?: (keyof SharedInputs)[];
}

/**
 * What several pages' data read: a build computes each at most once, on first use, and counts what it read
 * as read by every page that asked for it (precompute-page-data.ts). Without a build, each page computes its own.
 */
export interface SharedInputs {
  /** the open opportunities scored as of now (scoredNow) */
  scored: () => Promise<ScoringResults>;
}

// the longest first (`npm run bench:pages`), so that two build workers finish together
export const PAGE_DATA: PageDataEntry[] = [
  {
    file: "data/rep-pages/[shard].json",
    source: "pages/rep-page-files.ts",
    read: (c) => repPageFiles(c),
    files: (data) => Object.entries(data as Record<string, unknown>)
  },
  {
    file: "data/opportunities.json",
    source: "pages/opportunities-data.ts",
    read: (c, shared) => opportunitiesData(c, shared?.scored),
    shares: ["scored"]
  },
  {file: "data/overview.json", source: "pages/overview-data.ts", read: (c) => overviewData(c)},
  {file: "data/collections.json", source: "pages/collections-data.ts", read: (c) => collectionsData(c)},
  {file: "data/forecast.json", source: "pages/forecast-data.ts", read: forecastData},
  {file: "data/channels.json", source: "pages/channels-data.ts", read: (c) => channelsData(c)},
  {file: "data/customers.json", source: "pages/customers-data.ts", read: (c) => customersData(c)},
  {file: "data/pipeline.json", source: "pages/pipeline-data.ts", read: (c) => pipelineData(c)},
  {file: "data/data-quality.json", source: "pages/data-quality-data.ts", read: (c) => dataQualityData(c)},
  {
    file: "data/follow-up.json",
    source: "pages/follow-up-data.ts",
    read: (c, shared) => followUpData(c, undefined, true, shared?.scored),
    shares: ["scored"],
    periodFiles: "data/follow-up-period/[period].json"
  },
  {
    file: "data/reps.json",
    source: "pages/reps-data.ts",
    read: (c) => repsData(c),
    periodFiles: "data/reps-period/[period].json"
  },
  {file: "data/funnel.json", source: "pages/funnel-data.ts", read: (c) => funnelData(c)},
  {file: "data/service.json", source: "pages/service-data.ts", read: (c) => serviceData(c)},
  {
    file: "data/cube-reps/[shard].json",
    source: "pages/cube-rep-files.ts",
    read: cubeRepFiles,
    files: (data) => Object.entries(data as Record<string, unknown>)
  },
  {
    file: "data/channels/[channel].json",
    source: "pages/channel-data.ts",
    read: channelPageFiles,
    files: (data) => Object.entries(data as Record<string, unknown>)
  },
  {
    file: "data/cube.json",
    source: "pages/cube-data.ts",
    read: (c) => cubeData(c),
    files: (data) => [
      ["data/cube.json", data],
      ["data/cube-keys.json", cubeKeys(data as CubeData)]
    ]
  },
  {file: "data/site.json", source: "read-site-meta.ts", read: readSiteMeta}
];

/** The registry entry whose `file` is `file` ("data/channels/[channel].json" for all the channel pages' files). */
export function pageDataEntry(file: string): PageDataEntry | undefined {
  return PAGE_DATA.find((entry) => entry.file === file);
}
