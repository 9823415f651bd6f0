import {dataQualityData} from "../../site/pages/data-quality-data.ts";
import {writeLoaderOutput} from "../../site/write-loader-output.ts";

await writeLoaderOutput(dataQualityData);
