import {cubeData, cubeKeys} from "../../site/pages/cube-data.ts";
import {writeLoaderOutput} from "../../site/write-loader-output.ts";

await writeLoaderOutput(async (connection) => cubeKeys(await cubeData(connection)));
