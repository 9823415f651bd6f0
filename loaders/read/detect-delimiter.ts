import {parse} from "csv-parse/sync";
import {CSV_RECORD_OPTIONS} from "./read-delimited.ts";

const CANDIDATES = [",", ";", "\t", "|"];

/**
 * Picks the delimiter that splits the first lines into the most, and most consistent, columns.
 * A file with a single column has no delimiter to find; it is read as comma-separated.
 */
export function detectDelimiter(sample: string, preferred?: string): string {
  const lines = sample.split(/\r?\n/).slice(0, 50);
  if (sample.length >= 65536 || lines.length === 50) lines.pop(); // the last line may be cut
  const text = lines.join("\n");
  let best = {delimiter: preferred ?? ",", score: 0, votes: 0};
  for (const delimiter of preferred ? [preferred, ...CANDIDATES] : CANDIDATES) {
    const {score, votes} = consistency(text, delimiter);
    if (score > best.score + 1e-9 || (score > best.score - 1e-9 && votes > best.votes))
      best = {delimiter, score, votes};
  }
  return best.delimiter;
}

/** How consistently a delimiter splits the records, and how many records agree on it. */
function consistency(text: string, delimiter: string): {score: number; votes: number} {
  let records: string[][];
  try {
    records = parse(text, {delimiter, ...CSV_RECORD_OPTIONS});
  } catch {
    return {score: 0, votes: 0};
  }
  // title lines above the header have one field whatever the delimiter: they do not vote
  const body = records.slice(
    Math.max(
      0,
      records.findIndex((record) => record.length > 1)
    )
  );
  const counts = new Map<number, number>();
  for (const record of body) counts.set(record.length, (counts.get(record.length) ?? 0) + 1);
  let [mode, frequency] = [1, 0];
  for (const [count, n] of counts)
    if (n > frequency || (n === frequency && count > mode)) [mode, frequency] = [count, n];
  if (mode < 2) return {score: 0, votes: 0};
  return {score: (frequency / body.length) * Math.log2(mode), votes: frequency};
}
