import {opportunitiesData} from "../../loaders/site/pages/opportunities-data.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput(opportunitiesData);
