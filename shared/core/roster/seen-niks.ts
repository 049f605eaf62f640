/**
 * A Bloom filter of the NIKs a shard has stored so far: "maybe seen" or "certainly not". Fixed at
 * 1 Mbit (128 KB) so memory does not grow with the roster; false positives (a few per cent past
 * ~200k NIKs in one bucket) only cost an unnecessary read, never a wrong decision.
 */
export class SeenNiks {
  private static readonly BITS = 1 << 20;
  private readonly bits = new Uint32Array(SeenNiks.BITS / 32);

  add(nik: string): void {
    for (const position of this.positions(nik)) this.bits[position >>> 5]! |= 1 << (position & 31);
  }

  mightContain(nik: string): boolean {
    for (const position of this.positions(nik)) if ((this.bits[position >>> 5]! & (1 << (position & 31))) === 0) return false;
    return true;
  }

  /** Four positions from two FNV-1a variants (double hashing). */
  private positions(nik: string): number[] {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (let i = 0; i < nik.length; i++) {
      const code = nik.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 0x01000193);
      h2 = Math.imul(h2 ^ code, 0x5bd1e995);
    }
    const mask = SeenNiks.BITS - 1;
    return [0, 1, 2, 3].map((i) => ((h1 + Math.imul(i, h2 | 1)) >>> 0) & mask);
  }
}
