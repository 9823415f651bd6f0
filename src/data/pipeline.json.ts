import {pipelineData} from "../../loaders/site/pages/pipeline-data.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput(pipelineData);
