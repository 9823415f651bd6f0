import {overviewData} from "../../loaders/site/pages/overview-data.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput(overviewData);
