// Seeded randomness for the generated bank (demo book and benchmarks): the same seed gives the
// same bank, byte for byte, on every machine.

/** Small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of a few integers (murmur3 finaliser): independent streams per customer, per day. */
export function mix(...xs: number[]): number {
  let h = 0x9e3779b9;
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x85ebca6b); h ^= h >>> 13;
    h = Math.imul(h ^ Math.floor(x / 4294967296), 0xc2b2ae35); h ^= h >>> 16;
  }
  return h >>> 0;
}

/**
 * A bijection of 0..size-1 that looks random: i·A + B mod size with A coprime to size, near the
 * golden ratio of size so neighbours land far apart. Gives unique numbers without remembering them.
 */
export function scramble(size: number, seed: number): (i: number) => number {
  const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
  let a = Math.floor(size * 0.6180339887);
  while (gcd(a, size) !== 1) a++;
  const b = mix(seed, 11) % size;
  // i·A stays below 2^53 for every i this generator uses (a few million at most).
  return (i) => (i * a + b) % size;
}

export const pad = (n: number, w: number) => String(n).padStart(w, '0');
