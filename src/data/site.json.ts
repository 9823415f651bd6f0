import {readSiteMeta} from "../../loaders/site/read-site-meta.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput(readSiteMeta);
