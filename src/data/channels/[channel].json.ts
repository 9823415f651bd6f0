import {parseArgs} from "node:util";
import {channelData} from "../../../loaders/site/pages/channel-data.ts";
import {writeLoaderOutput} from "../../../loaders/site/write-loader-output.ts";

// Framework runs a parameterized loader with the page's parameter: --channel <slug>
const {values} = parseArgs({options: {channel: {type: "string"}}});
await writeLoaderOutput((connection) => channelData(connection, values.channel ?? ""));
