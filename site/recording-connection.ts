import type {DuckDBConnection} from "@duckdb/node-api";

/** A connection that notes the text of every statement run or prepared on it, for `take` to collect. */
export interface RecordingConnection {
  connection: DuckDBConnection;
  /** the statements since the last call */
  take: () => string[];
}

/**
 * Wraps a connection so that every method given SQL text (run, runAndReadAll, prepare, stream …) also
 * notes that text: what a page's data read is learned from what it asked, not from a list kept by hand.
 */
export function recordingConnection(connection: DuckDBConnection): RecordingConnection {
  let statements: string[] = [];
  const wrapped = new Proxy(connection, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (typeof args[0] === "string") statements.push(args[0]);
        return value.apply(target, args);
      };
    }
  });
  return {
    connection: wrapped,
    take: () => {
      const taken = statements;
      statements = [];
      return taken;
    }
  };
}
