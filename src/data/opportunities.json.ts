import {opportunitiesData} from "../../site/pages/opportunities-data.ts";
import {writeLoaderOutput} from "../../site/write-loader-output.ts";

await writeLoaderOutput(opportunitiesData);
