// A small seeded PRNG. The seed draws every product from its own stream (seed, index), so any
// product can be made again on its own, in any order and in any pass, with the same result.

/** Mixes integers into one well-spread 32-bit value (the splitmix32 finaliser, chained). */
export function hash32(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = Math.imul(h ^ (v >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    h = (h + 0x6d2b79f5) | 0;
  }
  return h >>> 0;
}

/** mulberry32: fast, 32 bits of state, good enough for test data (not for anything secret). */
export class Random {
  private state: number;

  constructor(...seed: number[]) {
    this.state = hash32(...seed);
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** An index into a Zipf table: 0 most often, then 1, … */
  zipf(table: ZipfTable): number {
    const u = this.next() * table.total;
    const cumulative = table.cumulative;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Picks with the Zipf skew of `table`, which must have been made for `items.length`. */
  pickSkewed<T>(items: readonly T[], table: ZipfTable): T {
    return items[this.zipf(table)]!;
  }

  /** A version-4 UUID made of this stream's bits. */
  uuid(): string {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
    const a = hex(this.int(2 ** 32));
    const b = hex(((this.int(2 ** 32) & 0xffff0fff) | 0x00004000) >>> 0);
    const c = hex(((this.int(2 ** 32) & 0x3fffffff) | 0x80000000) >>> 0);
    const d = hex(this.int(2 ** 32));
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
  }
}

export interface ZipfTable {
  cumulative: Float64Array;
  total: number;
}

/** Weights 1/(k+1)^s for k = 0…n-1: s near 1 is the classic word-frequency skew, lower is flatter. */
export function zipfTable(n: number, s = 1): ZipfTable {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / (k + 1) ** s;
    cumulative[k] = total;
  }
  return { cumulative, total };
}
