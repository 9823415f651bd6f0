import type {Recognition} from "./recognise-entity.ts";

/**
 * Why a row holding a NUL byte in a column that loads is rejected as unreadable: no text export holds one, and an id
 * keeping it would be a twin of the id without it that no screen tells apart.
 */
export const NUL_BYTE = "a NUL byte, which no text export holds (binary data in the row: is the file damaged?)";

/**
 * The fields a row's values come from: each mapped column's, the columns that stand in where it is blank, and the
 * declared features'.
 */
export function loadedFields(recognition: Recognition): number[] {
  return [
    ...[...recognition.columns].flatMap(([column, index]) => [index, ...(recognition.fallbacks.get(column) ?? [])]),
    ...recognition.features.map((feature) => feature.index)
  ];
}

/** The first of the fields at `indices` that holds a NUL byte. */
export function fieldWithNul(fields: string[], indices: number[]): number | undefined {
  return indices.find((index) => fields[index]?.includes("\0"));
}
