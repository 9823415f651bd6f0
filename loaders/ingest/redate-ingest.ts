import {CliError, EXIT} from "../../config/cli-error.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {exportTime} from "./ingest.ts";
import {removeVanished} from "./remove-vanished.ts";
import {convertAmounts, readReportingCurrency} from "../../warehouse/convert-amounts.ts";

export interface Redated {
  ingestId: number;
  previous: string;
  exportedAt: string;
}

/**
 * Sets when the export of an ingest (the latest by default) was taken — its snapshot of opportunities
 * included — without loading it again: the site's periods follow at the next build. One transaction.
 */
export async function redateIngest(warehousePath: string, date: string, ingestId?: number): Promise<Redated> {
  const exportedAt = exportTime(date);
  const warehouse = await openWarehouse(warehousePath);
  const {connection} = warehouse;
  try {
    const reader = await connection.runAndReadAll(
      `SELECT ingest_id, strftime(exported_at, '%Y-%m-%dT%H:%M:%SZ') FROM ingests
       WHERE ingest_id = coalesce($id, (SELECT max(ingest_id) FROM ingests))`,
      {id: ingestId ?? null}
    );
    const [found] = reader.getRowsJS() as [number, string][];
    if (!found) {
      throw new CliError(ingestId === undefined ? "the warehouse holds no ingest yet" : `no ingest ${ingestId}`, {
        exitCode: EXIT.missing
      });
    }
    const values = {id: found[0], at: exportedAt.replace("Z", "")};
    await connection.run("BEGIN TRANSACTION");
    try {
      await connection.run(`UPDATE ingests SET exported_at = CAST($at AS TIMESTAMP) WHERE ingest_id = $id`, values);
      await connection.run(
        `UPDATE opportunity_snapshots SET exported_at = CAST($at AS TIMESTAMP) WHERE ingest_id = $id`,
        values
      );
      // which opportunities a full export no longer holds, and an open deal's rate, depend on the exports' dates
      await removeVanished(connection);
      const reporting = await readReportingCurrency(connection);
      await convertAmounts(connection, reporting?.chosen_by === "config" ? reporting.currency : undefined);
      await connection.run("COMMIT");
    } catch (error) {
      await connection.run("ROLLBACK");
      throw error;
    }
    return {ingestId: found[0], previous: found[1], exportedAt: exportedAt.replace(".000Z", "Z")};
  } finally {
    warehouse.close();
  }
}
