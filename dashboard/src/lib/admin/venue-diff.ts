import type { Venue } from '@fairwatch/venue';

type Named = { id: string; name: { en: string; fr: string; ar: string } };

export interface CollectionDiff {
  added: string[];
  removed: string[];
  renamed: string[];
}

export interface VenueDiff {
  zones: CollectionDiff;
  stands: CollectionDiff;
  gates: CollectionDiff;
}

function diffCollection(before: readonly Named[], after: readonly Named[]): CollectionDiff {
  const old = new Map(before.map((item) => [item.id, item]));
  const now = new Map(after.map((item) => [item.id, item]));
  const sameName = (a: Named, b: Named) => a.name.en === b.name.en && a.name.fr === b.name.fr && a.name.ar === b.name.ar;
  return {
    added: after.filter((item) => !old.has(item.id)).map((item) => item.id),
    removed: before.filter((item) => !now.has(item.id)).map((item) => item.id),
    renamed: after.filter((item) => old.has(item.id) && !sameName(old.get(item.id)!, item)).map((item) => item.id),
  };
}

/** What a version changes against another, by id: zones, stands and gates added, removed, renamed. */
export function diffVenues(before: Pick<Venue, 'zones' | 'stands' | 'gates'>, after: Pick<Venue, 'zones' | 'stands' | 'gates'>): VenueDiff {
  return { zones: diffCollection(before.zones, after.zones), stands: diffCollection(before.stands, after.stands), gates: diffCollection(before.gates, after.gates) };
}

export function isEmptyDiff(diff: VenueDiff): boolean {
  return Object.values(diff).every((part: CollectionDiff) => !part.added.length && !part.removed.length && !part.renamed.length);
}
