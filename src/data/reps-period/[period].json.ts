import {parseArgs} from "node:util";
import {repsData} from "../../../site/pages/reps-data.ts";
import {periodPart} from "../../../site/period-files.ts";
import {writeLoaderOutput} from "../../../site/write-loader-output.ts";

const {values} = parseArgs({options: {period: {type: "string"}}});
await writeLoaderOutput(async (connection) => periodPart(await repsData(connection), values.period ?? ""));
