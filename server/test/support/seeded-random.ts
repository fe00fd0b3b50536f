import { mulberry32 } from '@fairwatch/simulator';

/** A seeded random source (the simulator's mulberry32), so that a failing fuzz run can be replayed from its seed. */
export class SeededRandom {
  readonly #next: () => number;

  constructor(readonly seed: number) {
    this.#next = mulberry32(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.#next();
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/**
 * The seed of a fuzz run: fixed by default (CI runs the same cases every time), `FUZZ_SEED=random`
 * for a new one, `FUZZ_SEED=<number>` to replay one that failed.
 */
export function fuzzSeed(fixed: number): number {
  const wanted = process.env.FUZZ_SEED;
  if (wanted === undefined || wanted === '') return fixed;
  if (wanted === 'random') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(wanted);
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer or "random", got ${wanted}`);
  return seed;
}
