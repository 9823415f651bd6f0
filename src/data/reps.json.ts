import {repsData} from "../../site/pages/reps-data.ts";
import {periodHead} from "../../site/period-files.ts";
import {writeLoaderOutput} from "../../site/write-loader-output.ts";

await writeLoaderOutput(async (connection) => periodHead(await repsData(connection)));
