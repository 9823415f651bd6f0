import {readOpportunitiesByMonth} from "../../loaders/site/read-opportunities-by-month.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput(readOpportunitiesByMonth);
