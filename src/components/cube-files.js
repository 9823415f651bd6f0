import {FileAttachment} from "observablehq:stdlib";
import {cubeLoader} from "./cube-filter.js";
import {CUBE_KEYS} from "./cube-keys.js";
import {readJson} from "./read-json.js";

// Framework finds the files a page loads by their literal names: site/pages/cube-rep-files.ts writes them

/** The shards of the cube by rep, in order: rep i of the cube's `reps` is in shard i modulo their number. */
export const CUBE_REP_SHARDS = [
  FileAttachment("../data/cube-reps/00.json"),
  FileAttachment("../data/cube-reps/01.json"),
  FileAttachment("../data/cube-reps/02.json"),
  FileAttachment("../data/cube-reps/03.json"),
  FileAttachment("../data/cube-reps/04.json"),
  FileAttachment("../data/cube-reps/05.json"),
  FileAttachment("../data/cube-reps/06.json"),
  FileAttachment("../data/cube-reps/07.json"),
  FileAttachment("../data/cube-reps/08.json"),
  FileAttachment("../data/cube-reps/09.json"),
  FileAttachment("../data/cube-reps/10.json"),
  FileAttachment("../data/cube-reps/11.json"),
  FileAttachment("../data/cube-reps/12.json"),
  FileAttachment("../data/cube-reps/13.json"),
  FileAttachment("../data/cube-reps/14.json"),
  FileAttachment("../data/cube-reps/15.json"),
  FileAttachment("../data/cube-reps/16.json"),
  FileAttachment("../data/cube-reps/17.json"),
  FileAttachment("../data/cube-reps/18.json"),
  FileAttachment("../data/cube-reps/19.json"),
  FileAttachment("../data/cube-reps/20.json"),
  FileAttachment("../data/cube-reps/21.json"),
  FileAttachment("../data/cube-reps/22.json"),
  FileAttachment("../data/cube-reps/23.json"),
  FileAttachment("../data/cube-reps/24.json"),
  FileAttachment("../data/cube-reps/25.json"),
  FileAttachment("../data/cube-reps/26.json"),
  FileAttachment("../data/cube-reps/27.json"),
  FileAttachment("../data/cube-reps/28.json"),
  FileAttachment("../data/cube-reps/29.json"),
  FileAttachment("../data/cube-reps/30.json"),
  FileAttachment("../data/cube-reps/31.json"),
  FileAttachment("../data/cube-reps/32.json"),
  FileAttachment("../data/cube-reps/33.json"),
  FileAttachment("../data/cube-reps/34.json"),
  FileAttachment("../data/cube-reps/35.json"),
  FileAttachment("../data/cube-reps/36.json"),
  FileAttachment("../data/cube-reps/37.json"),
  FileAttachment("../data/cube-reps/38.json"),
  FileAttachment("../data/cube-reps/39.json"),
  FileAttachment("../data/cube-reps/40.json"),
  FileAttachment("../data/cube-reps/41.json"),
  FileAttachment("../data/cube-reps/42.json"),
  FileAttachment("../data/cube-reps/43.json"),
  FileAttachment("../data/cube-reps/44.json"),
  FileAttachment("../data/cube-reps/45.json"),
  FileAttachment("../data/cube-reps/46.json"),
  FileAttachment("../data/cube-reps/47.json"),
  FileAttachment("../data/cube-reps/48.json"),
  FileAttachment("../data/cube-reps/49.json"),
  FileAttachment("../data/cube-reps/50.json"),
  FileAttachment("../data/cube-reps/51.json"),
  FileAttachment("../data/cube-reps/52.json"),
  FileAttachment("../data/cube-reps/53.json"),
  FileAttachment("../data/cube-reps/54.json"),
  FileAttachment("../data/cube-reps/55.json"),
  FileAttachment("../data/cube-reps/56.json"),
  FileAttachment("../data/cube-reps/57.json"),
  FileAttachment("../data/cube-reps/58.json"),
  FileAttachment("../data/cube-reps/59.json"),
  FileAttachment("../data/cube-reps/60.json"),
  FileAttachment("../data/cube-reps/61.json"),
  FileAttachment("../data/cube-reps/62.json"),
  FileAttachment("../data/cube-reps/63.json")
];

/** Per site period, the cube by rep over the period as one bucket, in three files of some measures each. */
export const CUBE_REP_PERIODS = {
  qtd: {
    created: FileAttachment("../data/cube-reps-period/qtd-created.json"),
    open: FileAttachment("../data/cube-reps-period/qtd-open.json"),
    closed: FileAttachment("../data/cube-reps-period/qtd-closed.json")
  },
  lq: {
    created: FileAttachment("../data/cube-reps-period/lq-created.json"),
    open: FileAttachment("../data/cube-reps-period/lq-open.json"),
    closed: FileAttachment("../data/cube-reps-period/lq-closed.json")
  },
  ytd: {
    created: FileAttachment("../data/cube-reps-period/ytd-created.json"),
    open: FileAttachment("../data/cube-reps-period/ytd-open.json"),
    closed: FileAttachment("../data/cube-reps-period/ytd-closed.json")
  },
  ly: {
    created: FileAttachment("../data/cube-reps-period/ly-created.json"),
    open: FileAttachment("../data/cube-reps-period/ly-open.json"),
    closed: FileAttachment("../data/cube-reps-period/ly-closed.json")
  },
  l12m: {
    created: FileAttachment("../data/cube-reps-period/l12m-created.json"),
    open: FileAttachment("../data/cube-reps-period/l12m-open.json"),
    closed: FileAttachment("../data/cube-reps-period/l12m-closed.json")
  },
  all: {
    created: FileAttachment("../data/cube-reps-period/all-created.json"),
    open: FileAttachment("../data/cube-reps-period/all-open.json"),
    closed: FileAttachment("../data/cube-reps-period/all-closed.json")
  }
};

const CUBE_BY_TEAM = FileAttachment("../data/cube.json");

/**
 * cubeLoader with these files: the cube a page's filter and grouping needs, loaded when first needed (null when
 * it would take the view past its budget with the page's own files, `own(filter)`, and the keys: the page asks
 * to narrow).
 *
 * @example
 * const cubeFor = siteCubeLoader(await readJson(CUBE_KEYS), site, () => [FileAttachment("data/site.json")]);
 */
export function siteCubeLoader(keys, site, own = () => []) {
  return cubeLoader(keys, {
    byTeam: CUBE_BY_TEAM,
    shards: CUBE_REP_SHARDS,
    periods: CUBE_REP_PERIODS,
    sitePeriods: site.periods,
    read: readJson,
    spent: (filter) => [CUBE_KEYS, ...own(filter)]
  });
}
