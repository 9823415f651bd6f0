import {readWarehouseSummary} from "../../loaders/site/read-warehouse-summary.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput(readWarehouseSummary);
