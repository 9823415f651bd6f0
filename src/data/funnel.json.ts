import {funnelData} from "../../site/pages/funnel-data.ts";
import {writeLoaderOutput} from "../../site/write-loader-output.ts";

await writeLoaderOutput(funnelData);
