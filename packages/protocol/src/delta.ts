import type { Delta, Snapshot } from './snapshot.ts';

type Figures = Record<string, unknown>;
const SECTIONS = ['totals', 'zones', 'stands', 'gates', 'incidents', 'egress', 'forecast'] as const;
const KEYED = new Set(['zones', 'stands', 'gates', 'forecast']);

function isPlainObject(value: unknown): value is Figures {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What changed in a flat record of values (`totals`, one zone's figures...), or undefined if nothing. */
function diffFlat(before: Figures | undefined, after: Figures): Figures | undefined {
  let changed: Figures | undefined;
  for (const [key, value] of Object.entries(after)) {
    if (before === undefined || !Object.is(before[key], value)) (changed ??= {})[key] = value;
  }
  return changed;
}

/**
 * The delta that turns `before` into `after`, or null when no figure changed.
 * Keyed sections (zones, stands, gates) carry only the entries and fields that changed.
 */
export function diffSnapshots(before: Omit<Snapshot, 'seq' | 'at'>, after: Omit<Snapshot, 'seq' | 'at'>): Omit<Delta, 'seq' | 'at'> | null {
  const delta: Figures = {};
  for (const section of SECTIONS) {
    // Extension sections (egress, forecast) may be missing from either side.
    const prev = (before[section] ?? {}) as Figures;
    const next = after[section] as Figures | undefined;
    if (next === undefined) continue;
    if (KEYED.has(section)) {
      let entries: Figures | undefined;
      for (const [key, figures] of Object.entries(next)) {
        const changed = diffFlat(prev[key] as Figures | undefined, figures as Figures);
        if (changed) (entries ??= {})[key] = changed;
      }
      if (entries) delta[section] = entries;
    } else {
      const changed = diffFlat(prev, next);
      if (changed) delta[section] = changed;
    }
  }
  return Object.keys(delta).length ? (delta as Omit<Delta, 'seq' | 'at'>) : null;
}

function mergeInto(target: Figures, patch: Figures): Figures {
  const out: Figures = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergeInto(out[key] as Figures, value) : value;
  }
  return out;
}

/** Applies a delta to a snapshot as the contract says: objects merge key by key, other values replace. */
export function applyDelta(snapshot: Snapshot, delta: Delta): Snapshot {
  return mergeInto(snapshot as unknown as Figures, delta as unknown as Figures) as unknown as Snapshot;
}
