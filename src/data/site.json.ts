import {readSiteMeta} from "../../site/read-site-meta.ts";
import {writeLoaderOutput} from "../../site/write-loader-output.ts";

await writeLoaderOutput(readSiteMeta);
