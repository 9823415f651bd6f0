import {parseArgs} from "node:util";
import {channelData} from "../../../site/pages/channel-data.ts";
import {writeLoaderOutput} from "../../../site/write-loader-output.ts";

// Framework runs a parameterized loader with the page's parameter: --channel <slug>
const {values} = parseArgs({options: {channel: {type: "string"}}});
await writeLoaderOutput((connection) => channelData(connection, values.channel ?? ""));
