import {parseArgs} from "node:util";
import {repData} from "../../../site/pages/rep-data.ts";
import {writeLoaderOutput} from "../../../site/write-loader-output.ts";

const {values} = parseArgs({options: {rep: {type: "string"}}});
await writeLoaderOutput((connection) => repData(connection, values.rep ?? ""));
