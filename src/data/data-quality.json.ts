import {dataQualityData} from "../../loaders/site/pages/data-quality-data.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput(dataQualityData);
