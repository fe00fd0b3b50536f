/** A source of uniform numbers in [0, 1). Stateful: each call advances it. */
export type Random = () => number;

/**
 * mulberry32: a tiny, fast 32-bit PRNG. Good enough for a crowd simulation and, unlike Math.random,
 * reproducible from a seed, which is what makes the model testable.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seed for an independent stream derived from a base seed and a label, so that e.g. the incident
 * stream does not shift the crowd stream when incidents are switched on or off.
 */
export function deriveSeed(seed: number, label: string): number {
  let hash = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < label.length; i++) {
    hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash;
}
