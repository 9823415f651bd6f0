import {collectionsData} from "../../loaders/site/pages/collections-data.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput(collectionsData);
