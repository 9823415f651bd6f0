import {repsData} from "../../loaders/site/pages/reps-data.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput(repsData);
