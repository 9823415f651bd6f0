import {cubeData} from "../../loaders/site/pages/cube-data.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput((connection) => cubeData(connection, "rep"));
