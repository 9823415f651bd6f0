import {followUpData} from "../../loaders/site/pages/follow-up-data.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput(followUpData);
