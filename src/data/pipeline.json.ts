import {pipelineData} from "../../site/pages/pipeline-data.ts";
import {writeLoaderOutput} from "../../site/write-loader-output.ts";

await writeLoaderOutput(pipelineData);
