import {serviceData} from "../../site/pages/service-data.ts";
import {writeLoaderOutput} from "../../site/write-loader-output.ts";

await writeLoaderOutput(serviceData);
