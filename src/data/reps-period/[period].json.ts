import {parseArgs} from "node:util";
import {repsData} from "../../../loaders/site/pages/reps-data.ts";
import {periodPart} from "../../../loaders/site/period-files.ts";
import {writeLoaderOutput} from "../../../loaders/site/write-loader-output.ts";

const {values} = parseArgs({options: {period: {type: "string"}}});
await writeLoaderOutput(async (connection) => periodPart(await repsData(connection), values.period ?? ""));
