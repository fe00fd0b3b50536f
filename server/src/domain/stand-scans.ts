import { isRepeatScan } from '@fairwatch/protocol';

export { isRepeatScan };

/** Venue days of badge sightings kept: a repeat needs only the same day (and late reports of yesterday). */
const DAYS_KEPT = 2;

/**
 * Badges scanned at stands, to flag a repeat: an exhibitor scanning a visitor twice within minutes
 * (a double tap, a visitor coming back) still makes a check-in, but the stand's figures say how many
 * of its check-ins were repeats. Pure and in memory (the embedded store, a replay); the Redis check-in
 * script applies the same rule.
 */
export class StandScans {
  /** Per venue day: when each badge was last scanned at each stand (`stand\nbadge`). */
  private readonly lastSeen = new Map<string, Map<string, number>>();
  /** Per venue day: repeats per stand. */
  readonly repeats = new Map<string, Map<string, number>>();

  /** Notes a scan; true when it repeats one within the window. */
  note(day: string, stand: string, badge: string, atMs: number): boolean {
    let seen = this.lastSeen.get(day);
    if (!seen) {
      const kept = [...this.lastSeen.keys(), day].sort().slice(-DAYS_KEPT);
      for (const old of this.lastSeen.keys()) if (!kept.includes(old)) this.lastSeen.delete(old);
      // A late report of a day older than those kept: its sightings are gone, so no repeat to tell.
      if (!kept.includes(day)) return false;
      this.lastSeen.set(day, (seen = new Map()));
    }
    const key = `${stand}\n${badge}`;
    const last = seen.get(key);
    if (last === undefined || atMs > last) seen.set(key, atMs);
    if (!isRepeatScan(last, atMs)) return false;
    let repeats = this.repeats.get(day);
    if (!repeats) this.repeats.set(day, (repeats = new Map()));
    repeats.set(stand, (repeats.get(stand) ?? 0) + 1);
    return true;
  }
}
