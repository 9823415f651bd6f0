import {parseArgs} from "node:util";
import {repData} from "../../../loaders/site/pages/rep-data.ts";
import {writeLoaderOutput} from "../../../loaders/site/write-loader-output.ts";

const {values} = parseArgs({options: {rep: {type: "string"}}});
await writeLoaderOutput((connection) => repData(connection, values.rep ?? ""));
