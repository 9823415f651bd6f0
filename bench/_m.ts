import {openWarehouse} from "../loaders/warehouse/open-warehouse.ts";
import {cubeRepFiles} from "../loaders/site/pages/cube-rep-files.ts";
const w = await openWarehouse(process.argv[2], {readOnly: true});
const t = performance.now();
const files = await cubeRepFiles(w.connection);
console.log("s", (performance.now() - t) / 1000);
for (const [f, c] of Object.entries(files)) console.log(f, JSON.stringify(c).length, JSON.stringify(c.reps).length, JSON.stringify(c.buckets).length, c.cells.length, Object.entries(c.sums).map(([m, v]) => m + ":" + v.values.length).join(" "));
w.close();
