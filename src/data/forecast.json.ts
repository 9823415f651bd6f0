import {forecastData} from "../../loaders/site/pages/forecast-data.ts";
import {writeLoaderOutput} from "../../loaders/site/write-loader-output.ts";

await writeLoaderOutput(forecastData);
