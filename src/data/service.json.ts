import {serviceData} from "../../loaders/site/pages/service-data.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput(serviceData);
