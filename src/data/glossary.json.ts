import {GLOSSARY} from "../../pipelines/glossary.ts";

process.stdout.write(JSON.stringify(GLOSSARY));
