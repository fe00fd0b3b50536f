import { polygonArea, polygonCentroid, pointInPolygon, type Point, type Polygon, type Stand, type Venue, type Zone } from '@fairwatch/venue';
import { SvelteMap } from 'svelte/reactivity';
import type { EditableVenue } from './admin-api.ts';
import { DEFAULT_THRESHOLDS, THRESHOLDS_GUIDANCE } from './capacity.ts';
import { venueIssues, type VenueIssue } from './venue-issues.ts';

export type ItemKind = 'zones' | 'stands' | 'gates';
export interface Selection {
  kind: ItemKind;
  id: string;
}

/** A zone as edited: the capacity may carry the reason it overrides the calculator. */
export type DraftZone = Zone & { capacityNote?: string };

function nextId(prefix: string, taken: ReadonlyArray<{ id: string }>): string {
  const ids = new Set(taken.map((item) => item.id));
  for (let n = taken.length + 1; ; n++) if (!ids.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

const round = (value: number) => Math.round(value * 100) / 100;
export const roundPolygon = (polygon: Polygon): Polygon => polygon.map(([x, y]) => [round(x), round(y)] as Point);

/** A blank venue to start from: one floor of 100 × 60 m, nothing drawn yet. */
export function blankVenue(): EditableVenue {
  return { id: 'new-fair', name: { ar: 'معرض جديد', fr: 'Nouvelle foire', en: 'New fair' }, timezone: 'Africa/Casablanca', width: 100, height: 60, thresholdsSource: THRESHOLDS_GUIDANCE, zones: [], stands: [], gates: [] } as unknown as EditableVenue;
}

/**
 * The venue being edited in the studio: one deep `$state`, changed only through these methods, validated
 * continuously with the shared checks (the same the server runs on publish).
 */
export class VenueDraft {
  venue = $state<EditableVenue>(blankVenue());
  /** The exhibitors' cooperatives by stand (from the spreadsheet or the stand form), published with the stands. */
  readonly cooperatives = new SvelteMap<string, string>();
  selected = $state<Selection | null>(null);
  issues = $derived<VenueIssue[]>(venueIssues($state.snapshot(this.venue)));
  /** `zones.2` → its issues, to highlight the shapes. */
  issuesByItem = $derived.by(() => {
    const byItem = new Map<string, VenueIssue[]>();
    for (const issue of this.issues) {
      const [kind, index] = issue.path;
      if (typeof index !== 'number') continue;
      const item = (this.venue[kind as ItemKind] as Array<{ id: string }> | undefined)?.[index];
      if (!item) continue;
      const key = `${String(kind)}:${item.id}`;
      byItem.set(key, [...(byItem.get(key) ?? []), issue]);
    }
    return byItem;
  });

  /** Takes a venue (the server's, or an imported file, maybe invalid: the checks then say what to fix). */
  load(venue: EditableVenue): void {
    const copy = structuredClone(venue);
    // The map draws these lists: an imported file without them still opens.
    for (const list of ['zones', 'stands', 'gates'] as const) if (!Array.isArray(copy[list])) (copy as Record<string, unknown>)[list] = [];
    this.venue = copy;
    this.selected = null;
    this.cooperatives.clear();
    for (const stand of copy.stands ?? []) if (stand.cooperative) this.cooperatives.set(stand.id, stand.cooperative);
  }

  /** The venue as it would be published: the cooperatives go with their stands. */
  snapshot(): EditableVenue {
    const venue = $state.snapshot(this.venue) as EditableVenue;
    if (Array.isArray(venue.stands)) {
      venue.stands = venue.stands.map(({ cooperative: _old, ...stand }) => {
        const cooperative = this.cooperatives.get(stand.id)?.trim();
        return cooperative ? { ...stand, cooperative } : stand;
      });
    }
    return venue;
  }

  addZone(polygon: Polygon): Zone {
    const shape = roundPolygon(polygon);
    const areaM2 = round(polygonArea(shape));
    const id = nextId('zone', this.venue.zones);
    const zone: Zone = { id, name: { ar: id, fr: id, en: id }, kind: 'exhibit', polygon: shape, areaM2: Math.max(areaM2, 0.01), capacity: Math.max(1, Math.floor(areaM2 * 2)), thresholds: { ...DEFAULT_THRESHOLDS } };
    this.venue.zones.push(zone);
    this.selected = { kind: 'zones', id };
    return zone;
  }

  /** A stand belongs to the zone it is drawn in (the selected zone, else the first). */
  addStand(polygon: Polygon, id?: string, name?: Stand['name'], zoneId?: string): Stand {
    const shape = roundPolygon(polygon);
    const centre = polygonCentroid(shape);
    const zone = zoneId ?? this.venue.zones.find((candidate) => pointInPolygon(centre, candidate.polygon))?.id ?? this.venue.zones[0]?.id ?? '';
    const standId = id ?? nextId('stand', this.venue.stands);
    const stand: Stand = { id: standId, zone, name: name ?? { ar: standId, fr: standId, en: standId }, polygon: shape };
    const existing = this.venue.stands.findIndex((candidate) => candidate.id === standId);
    if (existing >= 0) this.venue.stands[existing] = stand;
    else this.venue.stands.push(stand);
    if (!id) this.selected = { kind: 'stands', id: standId };
    return stand;
  }

  addGate(position: Point): void {
    const id = nextId('gate', this.venue.gates);
    const inside = this.venue.zones.find((zone) => pointInPolygon(position, zone.polygon));
    this.venue.gates.push({ id, name: { ar: id, fr: id, en: id }, from: null, to: inside?.id ?? this.venue.zones[0]?.id ?? null, position: [round(position[0]), round(position[1])], widthM: 2 });
    this.selected = { kind: 'gates', id };
  }

  /** A shape moved or reshaped on the map; a zone's declared area follows its polygon. */
  reshape(kind: 'zones' | 'stands', id: string, polygon: Polygon): void {
    const item = (this.venue[kind] as Array<Zone | Stand>).find((candidate) => candidate.id === id);
    if (!item) return;
    item.polygon = roundPolygon(polygon);
    if (kind === 'zones') (item as Zone).areaM2 = Math.max(round(polygonArea(item.polygon)), 0.01);
  }

  moveGate(id: string, position: Point): void {
    const gate = this.venue.gates.find((candidate) => candidate.id === id);
    if (gate) gate.position = [round(position[0]), round(position[1])];
  }

  /** Renames an id everywhere it is named (stands' zone, gates' from/to, programme). */
  renameId(kind: ItemKind, from: string, to: string): void {
    const item = (this.venue[kind] as Array<{ id: string }>).find((candidate) => candidate.id === from);
    if (!item || !to || from === to) return;
    item.id = to;
    if (kind === 'zones') {
      for (const stand of this.venue.stands) if (stand.zone === from) stand.zone = to;
      for (const gate of this.venue.gates) {
        if (gate.from === from) gate.from = to;
        if (gate.to === from) gate.to = to;
      }
      for (const slot of this.venue.programme ?? []) if (slot.zone === from) slot.zone = to;
    }
    if (this.selected?.kind === kind && this.selected.id === from) this.selected = { kind, id: to };
  }

  remove(kind: ItemKind, id: string): void {
    (this.venue as Venue)[kind] = (this.venue[kind] as Array<{ id: string }>).filter((item) => item.id !== id) as never;
    if (this.selected?.kind === kind && this.selected.id === id) this.selected = null;
  }
}
