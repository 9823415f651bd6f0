import {customersData} from "../../site/pages/customers-data.ts";
import {writeLoaderOutput} from "../../site/write-loader-output.ts";

await writeLoaderOutput(customersData);
