import {channelsData} from "../../site/pages/channels-data.ts";
import {writeLoaderOutput} from "../../site/write-loader-output.ts";

await writeLoaderOutput(channelsData);
