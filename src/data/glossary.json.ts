import {glossaryData} from "../../site/pages/glossary-data.ts";
import {siteLocale} from "../../site/site-locale.ts";

process.stdout.write(JSON.stringify(glossaryData(siteLocale())));
