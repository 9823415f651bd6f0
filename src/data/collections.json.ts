import {collectionsData} from "../../site/pages/collections-data.ts";
import {writeLoaderOutput} from "../../site/write-loader-output.ts";

await writeLoaderOutput(collectionsData);
