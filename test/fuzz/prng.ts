/**
 * A small, fast, seeded PRNG for the fuzzer: xorshift128 (Marsaglia 2003) on four 32-bit words, seeded
 * through splitmix32 so that any 32-bit seed gives a well-mixed state. All arithmetic stays in int32, which
 * V8 keeps unboxed: about 2 ns per draw, against ~100 ns for a fast-check arbitrary.
 *
 * Not for cryptography. Deterministic: the same seed replays the same inputs (given the same corpus).
 */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed: number) {
    this.seed(seed);
  }

  /** Re-seeds the generator. */
  seed(seed: number): void {
    let s = seed | 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  u32(): number {
    let t = this.d;
    const s = this.a;
    this.d = this.c;
    this.c = this.b;
    this.b = s;
    t ^= t << 11;
    t ^= t >>> 8;
    this.a = t ^ s ^ (s >>> 19);
    return this.a >>> 0;
  }

  /** An integer in [0, n) (n ≥ 1, n ≤ 2^32). */
  below(n: number): number {
    return Math.floor((this.u32() / 4294967296) * n);
  }

  /** An integer in [lo, hi] inclusive. */
  range(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.u32() < p * 4294967296;
  }

  /** A byte. */
  byte(): number {
    return this.u32() & 0xff;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.below(items.length)];
    if (item === undefined) throw new Error("Rng.pick on an empty array");
    return item;
  }

  /** Fills `out[offset, end)` with random bytes. */
  fill(out: Uint8Array, offset = 0, end = out.length): void {
    let i = offset;
    for (; i + 4 <= end; i += 4) {
      const v = this.u32();
      out[i] = v & 0xff;
      out[i + 1] = (v >>> 8) & 0xff;
      out[i + 2] = (v >>> 16) & 0xff;
      out[i + 3] = v >>> 24;
    }
    for (; i < end; i++) out[i] = this.byte();
  }

  /** `n` fresh random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    this.fill(out);
    return out;
  }

  /** Small numbers more often than large ones: an integer in [0, max], log-uniform-ish. */
  small(max: number): number {
    const bits = this.below(Math.max(1, Math.ceil(Math.log2(max + 1))) + 1);
    return Math.min(max, this.below(2 ** bits));
  }
}
