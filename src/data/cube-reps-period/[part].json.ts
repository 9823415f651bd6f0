import {parseArgs} from "node:util";
import {cubeRepFiles} from "../../../site/pages/cube-rep-files.ts";
import {writeLoaderOutput} from "../../../site/write-loader-output.ts";

const {values} = parseArgs({options: {part: {type: "string"}}});
await writeLoaderOutput(async (connection) => (await cubeRepFiles(connection))[`data/cube-reps-period/${values.part}.json`]);
