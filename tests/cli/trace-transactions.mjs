// Preloaded (node --import) into `shangji ingest` by the crash-safety test: writes a line on stderr when the
// ingest transaction begins, when its COMMIT starts and when COMMIT has returned, so the test knows where
// each kill landed.
// stderr is a pipe, and pipe writes are synchronous on Linux: a line written before the kill is never lost.
import {DuckDBConnection} from "@duckdb/node-api";

const run = DuckDBConnection.prototype.run;
DuckDBConnection.prototype.run = async function (sql, ...rest) {
  const statement = typeof sql === "string" ? sql.trim().split(/\s+/)[0].toUpperCase() : "";
  if (statement === "BEGIN") process.stderr.write("trace: begin\n");
  if (statement === "COMMIT") process.stderr.write("trace: commit\n");
  const result = await run.call(this, sql, ...rest);
  if (statement === "COMMIT") process.stderr.write("trace: committed\n");
  return result;
};
