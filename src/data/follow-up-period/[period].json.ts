import {parseArgs} from "node:util";
import {followUpData} from "../../../site/pages/follow-up-data.ts";
import {periodPart} from "../../../site/period-files.ts";
import {writeLoaderOutput} from "../../../site/write-loader-output.ts";

const {values} = parseArgs({options: {period: {type: "string"}}});
await writeLoaderOutput(async (connection) => periodPart(await followUpData(connection), values.period ?? ""));
