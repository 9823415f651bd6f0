import {funnelData} from "../../loaders/site/pages/funnel-data.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput(funnelData);
