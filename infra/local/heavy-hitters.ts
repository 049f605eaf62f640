/**
 * The most frequent keys of a stream in bounded memory (the Misra-Gries summary): at most
 * `capacity` counters however many distinct keys pass. A key's count is a lower bound of its
 * true weight, short by at most (total weight) / (capacity + 1); any key heavier than that is
 * guaranteed to be kept. The local stack uses it to find hot DynamoDB partitions during
 * million-person runs without keeping one counter per person.
 */
export class HeavyHitters {
  private readonly counts = new Map<string, number>();

  constructor(private readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new Error(`capacity must be a positive integer, not ${capacity}`);
  }

  add(key: string, weight = 1): void {
    const current = this.counts.get(key);
    if (current !== undefined) {
      this.counts.set(key, current + weight);
      return;
    }
    if (this.counts.size < this.capacity) {
      this.counts.set(key, weight);
      return;
    }
    // Full: take the smallest counter's worth off every key, the new one included. Each unit
    // taken off was once added, so this costs O(1) per unit of weight over the whole stream.
    let decrement = weight;
    for (const count of this.counts.values()) if (count < decrement) decrement = count;
    for (const [existing, count] of this.counts) {
      if (count <= decrement) this.counts.delete(existing);
      else this.counts.set(existing, count - decrement);
    }
    if (weight > decrement) this.counts.set(key, weight - decrement);
  }

  /** The heaviest `limit` keys with their (lower-bound) counts, heaviest first. */
  top(limit: number): { key: string; count: number }[] {
    return [...this.counts]
      .map(([key, count]) => ({ key, count }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
      .slice(0, limit);
  }
}
