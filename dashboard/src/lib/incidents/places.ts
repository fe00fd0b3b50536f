import { openedAt, type Incident, type IncidentStatus, type IncidentType, type Severity } from '@fairwatch/protocol';
import { pointInPolygon, polygonCentroid, type Point, type Stand, type Venue, type Zone } from '@fairwatch/venue';

type Language = 'ar' | 'fr' | 'en';

/** Where a point of the floor is: its stand and zone, if any. */
export function placeAt(venue: Venue, point: Point): { zone?: string; stand?: string } {
  const stand = venue.stands.find((candidate) => pointInPolygon(point, candidate.polygon));
  const zone = stand ? venue.zones.find((z) => z.id === stand.zone) : venue.zones.find((candidate) => pointInPolygon(point, candidate.polygon));
  return { ...(zone && { zone: zone.id }), ...(stand && { stand: stand.id }) };
}

/** Where to pin an incident: its position, else its stand's centre, else its zone's centre; null if none. */
export function incidentPoint(venue: Venue, incident: Pick<Incident, 'position' | 'stand' | 'zone'>): Point | null {
  if (incident.position) return incident.position;
  const stand = incident.stand ? venue.stands.find((candidate) => candidate.id === incident.stand) : undefined;
  if (stand) return polygonCentroid(stand.polygon);
  const zone = incident.zone ? venue.zones.find((candidate) => candidate.id === incident.zone) : undefined;
  return zone ? polygonCentroid(zone.polygon) : null;
}

/** Lower case, no accents, Arabic letter variants folded, so "cafe" finds "Café" and "احمد" finds "أحمد". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .toLowerCase()
    .trim();
}

/**
 * Stands whose number (id) or name, in any language, matches the query: an exact id first, then ids
 * that start with it, then names that contain it. At most `limit`.
 */
export function searchStands(venue: Venue, query: string, limit = 8): Stand[] {
  const wanted = fold(query);
  if (!wanted) return [];
  const scored: Array<[number, Stand]> = [];
  for (const stand of venue.stands) {
    const id = fold(stand.id);
    const names = [stand.name.ar, stand.name.fr, stand.name.en].map(fold);
    // "12" finds P-012: the number without its zeros.
    const number = id.replace(/\D/g, '').replace(/^0+/, '');
    let score = -1;
    if (id === wanted || (/^\d+$/.test(wanted) && number !== '' && number === wanted.replace(/^0+/, ''))) score = 0;
    else if (id.startsWith(wanted) || id.endsWith(wanted)) score = 1;
    else if (names.some((name) => name.startsWith(wanted))) score = 2;
    else if (id.includes(wanted) || names.some((name) => name.includes(wanted))) score = 3;
    if (score >= 0) scored.push([score, stand]);
  }
  return scored.sort((a, b) => a[0] - b[0] || a[1].id.localeCompare(b[1].id, undefined, { numeric: true })).slice(0, limit).map(([, stand]) => stand);
}

/** The place of an incident in words: stand and zone names, or null when it names none. */
export function placeName(venue: Venue, incident: Pick<Incident, 'stand' | 'zone'>, language: Language): string | null {
  const stand = incident.stand ? venue.stands.find((s) => s.id === incident.stand) : undefined;
  const zoneId = incident.zone ?? stand?.zone;
  const zone: Zone | undefined = zoneId ? venue.zones.find((z) => z.id === zoneId) : undefined;
  const parts = [stand ? stand.name[language] : incident.stand, zone ? zone.name[language] : incident.zone].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

/** The incident list's filters; null means "any". */
export interface IncidentFilters {
  status: IncidentStatus | 'active' | null;
  severity: Severity | null;
  type: IncidentType | null;
  zone: string | null;
  /** Only those assigned to this user name. */
  assignee: string | null;
  /** "Mine": only those this user name reported or is assigned. */
  mine?: string | null;
}

export const NO_FILTERS: IncidentFilters = { status: null, severity: null, type: null, zone: null, assignee: null, mine: null };

/** The incidents that pass the filters; a zone filter also takes incidents at a stand of that zone. */
export function filterIncidents(incidents: readonly Incident[], filters: IncidentFilters, venue: Pick<Venue, 'stands'>): Incident[] {
  const zoneOfStand = new Map(venue.stands.map((stand) => [stand.id, stand.zone]));
  return incidents.filter((incident) => {
    if (filters.status === 'active' ? incident.status === 'resolved' : filters.status && incident.status !== filters.status) return false;
    if (filters.severity && incident.severity !== filters.severity) return false;
    if (filters.type && incident.type !== filters.type) return false;
    if (filters.assignee && incident.assignee !== filters.assignee) return false;
    if (filters.mine && incident.assignee !== filters.mine && incident.reportedBy !== filters.mine) return false;
    if (filters.zone) {
      const zone = incident.zone ?? (incident.stand ? zoneOfStand.get(incident.stand) : undefined);
      if (zone !== filters.zone) return false;
    }
    return true;
  });
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Control-room order: unresolved first, escalated first among them, then by severity, then newest (by the phone's time). */
export function byUrgency(a: Incident, b: Incident): number {
  const resolved = Number(a.status === 'resolved') - Number(b.status === 'resolved');
  if (resolved) return resolved;
  const escalated = Number(!a.escalatedAt || a.status !== 'open') - Number(!b.escalatedAt || b.status !== 'open');
  if (escalated) return escalated;
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || Date.parse(openedAt(b)) - Date.parse(openedAt(a));
}
