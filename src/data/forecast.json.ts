import {forecastData} from "../../site/pages/forecast-data.ts";
import {writeLoaderOutput} from "../../site/write-loader-output.ts";

await writeLoaderOutput(forecastData);
