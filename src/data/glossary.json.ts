import {glossaryData} from "../../loaders/site/pages/glossary-data.ts";
import {siteLocale} from "../../loaders/site/site-locale.ts";

process.stdout.write(JSON.stringify(glossaryData(siteLocale())));
