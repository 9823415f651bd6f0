import {customersData} from "../../loaders/site/pages/customers-data.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput(customersData);
