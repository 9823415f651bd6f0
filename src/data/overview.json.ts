import {overviewData} from "../../site/pages/overview-data.ts";
import {writeLoaderOutput} from "../../site/write-loader-output.ts";

await writeLoaderOutput(overviewData);
