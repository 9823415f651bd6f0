import {followUpData} from "../../loaders/site/pages/follow-up-data.ts";
import {periodHead} from "../../loaders/site/period-files.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput(async (connection) => periodHead(await followUpData(connection)));
