import type { Random } from './random.ts';

/** A standard normal draw (Box-Muller). */
export function normal(random: Random): number {
  const u = 1 - random(); // (0, 1], so the log is finite
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A Poisson draw with mean `lambda`: exact (Knuth) for small means, a rounded normal for large ones
 * where Knuth would loop too long and the approximation is indistinguishable.
 */
export function poisson(random: Random, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(random)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let product = random();
  while (product > limit) {
    k++;
    product *= random();
  }
  return k;
}

/** A binomial draw: how many of `n` people each do something with probability `p`. Always in [0, n]. */
export function binomial(random: Random, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n <= 40) {
    let k = 0;
    for (let i = 0; i < n; i++) if (random() < p) k++;
    return k;
  }
  const mean = n * p;
  // Rare events among many people: Poisson is the better approximation than the normal.
  const draw = mean < 10 ? poisson(random, mean) : Math.round(mean + Math.sqrt(mean * (1 - p)) * normal(random));
  return Math.min(n, Math.max(0, draw));
}

/** Splits `n` people among choices in proportion to `weights` (a multinomial draw); the parts sum to n. */
export function splitByWeights(random: Random, n: number, weights: readonly number[]): number[] {
  const parts = weights.map(() => 0);
  let remaining = n;
  let remainingWeight = weights.reduce((sum, w) => sum + Math.max(0, w), 0);
  for (let i = 0; i < weights.length && remaining > 0 && remainingWeight > 0; i++) {
    const weight = Math.max(0, weights[i] ?? 0);
    const share = i === weights.length - 1 ? remaining : binomial(random, remaining, weight / remainingWeight);
    parts[i] = share;
    remaining -= share;
    remainingWeight -= weight;
  }
  return parts;
}

/** The index of one choice drawn in proportion to `weights`, or -1 when all weights are zero. */
export function pickWeighted(random: Random, weights: readonly number[]): number {
  const total = weights.reduce((sum, w) => sum + Math.max(0, w), 0);
  if (total <= 0) return -1;
  let target = random() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= Math.max(0, weights[i] ?? 0);
    if (target < 0) return i;
  }
  return weights.length - 1;
}

/** One element of a non-empty list, uniformly. */
export function pickOne<T>(random: Random, items: readonly T[]): T | undefined {
  return items[Math.floor(random() * items.length)];
}
