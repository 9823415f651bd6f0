export {readRows} from "../../warehouse/read-rows.ts";
