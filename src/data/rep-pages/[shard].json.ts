import {parseArgs} from "node:util";
import {repPageFiles} from "../../../site/pages/rep-page-files.ts";
import {writeLoaderOutput} from "../../../site/write-loader-output.ts";

const {values} = parseArgs({options: {shard: {type: "string"}}});
const shard = values.shard ?? "";
await writeLoaderOutput(async (connection) => (await repPageFiles(connection, shard))[`data/rep-pages/${shard}.json`]);
