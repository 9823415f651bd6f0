/**
 * Distinct items in the order first seen, so that slices refer to them by index: a page-wide list of
 * the cells (stage × stage, stage × reason) or rows (opportunities) the slices share.
 */
export class Catalogue<Item> {
  readonly items: Item[] = [];
  private readonly indices = new Map<string, number>();

  constructor(private readonly keyOf: (item: Item) => string) {}

  get size(): number {
    return this.items.length;
  }

  index(item: Item): number {
    const key = this.keyOf(item);
    let i = this.indices.get(key);
    if (i === undefined) {
      i = this.items.push(item) - 1;
      this.indices.set(key, i);
    }
    return i;
  }

  /** Per item, the count `counts` holds for it (0 where it holds none). */
  counts(counts: Map<number, number>): number[] {
    return this.items.map((_, i) => counts.get(i) ?? 0);
  }
}
