import {cubeData} from "../../site/pages/cube-data.ts";
import {writeLoaderOutput} from "../../site/write-loader-output.ts";

await writeLoaderOutput(cubeData);
