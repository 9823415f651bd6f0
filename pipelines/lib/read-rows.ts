export {readRows} from "../../loaders/warehouse/read-rows.ts";
