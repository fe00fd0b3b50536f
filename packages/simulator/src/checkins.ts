import type { Random } from './random.ts';
import { poisson } from './sampling.ts';
import type { VenuePlan } from './plan.ts';

/** A visitor scanned at a stand; the badge is missing when the visitor had none (walk-in without registration). */
export interface StandScan {
  stand: string;
  badge?: string;
}

/** Share of visitors without a badge (walk-ins); their scans carry no badge. */
const NO_BADGE_SHARE = 0.1;

/** A badge id like `V-123456`, from a fixed pool so the same visitors come back and unique counts mean something. */
export function drawBadge(random: Random, poolSize: number): string | undefined {
  if (random() < NO_BADGE_SHARE) return undefined;
  return `V-${100000 + Math.floor(random() * poolSize)}`;
}

/**
 * Scans during `minutes` at every stand: each browsing visitor scans at a steady rate, spread over the
 * zone's stands by popularity, so a star stand gets many and a dead one none.
 */
export function drawCheckins(plan: VenuePlan, browsing: Readonly<Record<string, number>>, minutes: number, random: Random): StandScan[] {
  const scans: StandScan[] = [];
  for (const [zone, stands] of plan.standsByZone) {
    const people = browsing[zone] ?? 0;
    const totalPopularity = stands.reduce((sum, s) => sum + s.popularity, 0);
    if (people <= 0 || totalPopularity <= 0) continue;
    const zoneRate = people * plan.checkinsPerVisitorMinute * minutes;
    for (const stand of stands) {
      const count = poisson(random, (zoneRate * stand.popularity) / totalPopularity);
      for (let i = 0; i < count; i++) {
        const badge = drawBadge(random, plan.badgePoolSize);
        scans.push(badge === undefined ? { stand: stand.id } : { stand: stand.id, badge });
      }
    }
  }
  return scans;
}
