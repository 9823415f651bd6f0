import {channelsData} from "../../loaders/site/pages/channels-data.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput(channelsData);
