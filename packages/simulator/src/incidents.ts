import type { IncidentReport, IncidentType, Severity } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { phaseOf } from './clock.ts';
import { INCIDENT_TEXTS, RESOLUTION_NOTES } from './incident-texts.ts';
import { occupancyOf, type ModelState } from './model.ts';
import { programmeStage } from './movement.ts';
import type { VenuePlan } from './plan.ts';
import type { Random } from './random.ts';
import { pickOne, pickWeighted, poisson } from './sampling.ts';

/** An incident as a guard reports it, before the phone gives it an id. */
export type IncidentDraft = Omit<IncidentReport, 'id'>;

/** What happens to an incident later, in simulated minutes after it was reported. */
export interface FollowUp {
  acknowledgeAfter?: number;
  resolveAfter?: number;
  note: string;
}

const TYPE_MIX: Record<IncidentType, number> = { medical: 24, lost_person: 18, security: 14, crowding: 8, technical: 16, fire: 3, other: 17 };
/** During a show, crowds push and children slip away from their parents. */
const SURGE_TYPE_MIX: Record<IncidentType, number> = { ...TYPE_MIX, crowding: 30, lost_person: 25 };
const SEVERITY_MIX: Record<IncidentType, Partial<Record<Severity, number>>> = {
  medical: { low: 30, medium: 45, high: 20, critical: 5 },
  security: { low: 35, medium: 45, high: 17, critical: 3 },
  fire: { medium: 40, high: 45, critical: 15 },
  lost_person: { medium: 60, high: 40 },
  crowding: { medium: 45, high: 40, critical: 15 },
  technical: { low: 60, medium: 35, high: 5 },
  other: { low: 70, medium: 30 },
};

function pickKey<K extends string>(random: Random, mix: Partial<Record<K, number>>): K {
  const keys = Object.keys(mix) as K[];
  return keys[Math.max(0, pickWeighted(random, keys.map((k) => mix[k] ?? 0)))] as K;
}

/** The mean point of a polygon's corners: good enough to drop a pin on the stand or zone. */
function centreOf(polygon: readonly (readonly [number, number])[]): [number, number] {
  const sum = polygon.reduce(([x, y], [px, py]) => [x + px, y + py], [0, 0]);
  return [Math.round((sum[0] / polygon.length) * 10) / 10, Math.round((sum[1] / polygon.length) * 10) / 10];
}

/** True while any stage zone is gathering or running its show. */
function showIsOn(plan: VenuePlan, clock: number): boolean {
  const phase = phaseOf(plan.hours, clock);
  return plan.zoneIds.some((z) => plan.kinds.get(z) === 'stage' && ['gathering', 'running'].includes(programmeStage(plan, 'stage', phase)));
}

/** One incident: a type for the moment, a zone where people are, often a stand, a guard's description. */
function draftIncident(venue: Venue, plan: VenuePlan, state: ModelState, surge: boolean, random: Random): IncidentDraft | undefined {
  const type = pickKey(random, surge ? SURGE_TYPE_MIX : TYPE_MIX);
  const occupancy = occupancyOf(state);
  // Crowding is reported where it is most packed; everything else where people are.
  const weights = venue.zones.map((z) => (type === 'crowding' ? ((occupancy[z.id] ?? 0) / z.capacity) ** 3 : (occupancy[z.id] ?? 0) + 1));
  const zone = venue.zones[pickWeighted(random, weights)];
  if (!zone) return undefined;
  const stands = venue.stands.filter((s) => s.zone === zone.id);
  const stand = type !== 'crowding' && random() < 0.5 ? pickOne(random, stands) : undefined;
  const lang = random() < 0.55 ? 'fr' : 'ar';
  const template = pickOne(random, INCIDENT_TEXTS[type][lang]) ?? type;
  const description = template.replace('{place}', stand?.id ?? zone.name[lang]);
  const draft: IncidentDraft = { type, severity: pickKey(random, SEVERITY_MIX[type]), description, zone: zone.id, position: centreOf(stand?.polygon ?? zone.polygon) };
  if (stand) draft.stand = stand.id;
  return draft;
}

/**
 * Incidents reported during `minutes` from `state.clock`: none while closed, about two an hour on a
 * quiet floor, more with the crowd, and two and a half times more while the Caftan Show draws its surge.
 */
export function drawIncidents(venue: Venue, plan: VenuePlan, state: ModelState, minutes: number, random: Random): IncidentDraft[] {
  if (!phaseOf(plan.hours, state.clock).isOpen) return [];
  const capacity = [...plan.capacity.values()].reduce((sum, c) => sum + c, 0);
  const inside = Object.values(occupancyOf(state)).reduce((sum, n) => sum + n, 0);
  const surge = showIsOn(plan, state.clock);
  const perHour = (2 + 4 * Math.min(1.5, inside / capacity)) * (surge ? 2.5 : 1);
  const drafts: IncidentDraft[] = [];
  for (let i = poisson(random, (perHour * minutes) / 60); i > 0; i--) {
    const draft = draftIncident(venue, plan, state, surge, random);
    if (draft) drafts.push(draft);
  }
  return drafts;
}

/** How the control room handles an incident: most are acknowledged within minutes, most later resolved. */
export function planFollowUp(random: Random): FollowUp {
  const note = pickOne(random, random() < 0.55 ? RESOLUTION_NOTES.fr : RESOLUTION_NOTES.ar) ?? 'OK';
  const acknowledged = random() < 0.85;
  const resolved = random() < 0.75;
  const followUp: FollowUp = { note };
  if (acknowledged) followUp.acknowledgeAfter = 2 + random() * 8;
  if (resolved) followUp.resolveAfter = (followUp.acknowledgeAfter ?? 0) + 10 + random() * 50;
  return followUp;
}
