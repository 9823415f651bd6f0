import {followUpData} from "../../site/pages/follow-up-data.ts";
import {periodHead} from "../../site/period-files.ts";
import {writeLoaderOutput} from "../../site/write-loader-output.ts";

await writeLoaderOutput(async (connection) => periodHead(await followUpData(connection)));
