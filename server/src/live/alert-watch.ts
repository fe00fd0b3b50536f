import type { Alert, Snapshot } from '@fairwatch/protocol';
import { crowdFlowOf, type CrowdFlowSettings, type Venue } from '@fairwatch/venue';
import { alertLevelOf, gateFlowStep, type SustainedSince } from '../domain/gate-flow-alerts.ts';
import { venueDay } from '@fairwatch/venue/venue-time';
import { silentGatesIn, venueOpen } from '../domain/floor-watch.ts';
import {
  INFLOW_WINDOW_MS, alertKey, expectedLevel, inflowForecast, inflowStep, newAlert, programmeSlotsDue, thresholdStep, type OccupancySample,
} from '../domain/zone-alerts.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { PeriodicPass } from './periodic-pass.ts';
import { venueReader, type VenueSource } from './live-venue.ts';

/**
 * Applies the alert rules (domain/zone-alerts.ts) to this instance's live figures now and then, and
 * keeps the alerts in the store. Every instance may run one: the store keeps one active alert per
 * condition (raise is "create unless active") and changes are compare-and-set, so instances agree and
 * each change reaches every dashboard once through the store's bus.
 */
export class AlertWatch {
  readonly #samples = new Map<string, OccupancySample[]>();
  /** Per gate, since when its flow has held each level of service (issue 18). */
  readonly #gateSince = new Map<string, SustainedSince>();
  readonly #venueOf: () => Venue;
  readonly #passes: PeriodicPass<void>;

  constructor(
    private readonly store: Store,
    venue: VenueSource,
    private readonly latest: () => Snapshot | null,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {
    this.#venueOf = venueReader(venue);
    this.#passes = new PeriodicPass(
      async () => {
        const snapshot = this.latest();
        if (snapshot) await this.#evaluate(snapshot, this.now().getTime());
      },
      undefined,
      (error) => this.logger.debug({ err: String(error) }, 'alert check skipped'),
    );
  }

  /** The venue served now: a published version applies at the next pass. */
  private get venue(): Venue {
    return this.#venueOf();
  }

  get #crowdFlowNow(): CrowdFlowSettings {
    return crowdFlowOf(this.venue);
  }

  start(intervalMs: number): void {
    this.#passes.start(intervalMs);
  }

  stop(): void {
    this.#passes.stop();
  }

  /** One pass; a store outage is logged and the next pass tries again. */
  check(): Promise<void> {
    return this.#passes.run();
  }

  async #evaluate(snapshot: Snapshot, nowMs: number): Promise<void> {
    const active = new Map<string, Alert>();
    for (const alert of await this.store.listAlerts()) if (alert.clearedAt === null) active.set(alertKey(alert), alert);
    const nowIso = new Date(nowMs).toISOString();
    const clear = (alert: Alert) => this.store.replaceAlert(alert, { ...alert, clearedAt: nowIso }, nowMs, alertKey(alert));
    const raise = async (alert: Alert) => {
      const outcome = await this.store.raiseAlert(alert, alertKey(alert), nowMs);
      if (outcome.raised) this.logger.warn({ alert: alert.id, zone: alert.zone, level: alert.level }, 'alert raised');
    };

    for (const zone of this.venue.zones) {
      const figures = snapshot.zones[zone.id];
      if (!figures) continue;
      const samples = this.#record(zone.id, nowMs, figures.occupancy);

      const threshold = active.get(`threshold:${zone.id}`);
      const step = thresholdStep(threshold?.level ?? null, figures.density, zone.thresholds);
      if (step && threshold) await clear(threshold);
      if (step?.action === 'raise') await raise(newAlert({ kind: 'threshold', zone: zone.id, level: step.level }, figures, nowMs));

      const inflow = active.get(`inflow:${zone.id}`);
      const forecast = inflowForecast(samples, zone, nowMs);
      const next = inflowStep(inflow !== undefined, forecast, figures.level);
      const minutes = forecast?.minutesToCrowded ?? undefined;
      if (next === 'raise') {
        await raise(newAlert({ kind: 'inflow', zone: zone.id, level: 'crowded', minutesToThreshold: minutes, netInflowPerMinute: forecast?.netPerMinute }, figures, nowMs));
      } else if (next === 'clear' && inflow) {
        await clear(inflow);
      } else if (inflow && minutes !== undefined && Math.round(minutes) !== Math.round(inflow.minutesToThreshold ?? -1)) {
        // The time to threshold is shown live, a change of a whole minute is worth an update.
        await this.store.replaceAlert(inflow, { ...inflow, minutesToThreshold: minutes, netInflowPerMinute: forecast?.netPerMinute }, nowMs);
      }
    }

    for (const gate of this.venue.gates) {
      const figures = snapshot.gates[gate.id];
      if (!figures || gate.widthM === undefined) continue;
      let since = this.#gateSince.get(gate.id);
      if (!since) this.#gateSince.set(gate.id, (since = new Map()));
      const current = active.get(`gate-flow:${gate.id}`);
      const step = gateFlowStep(current?.levelOfService ?? null, figures.flow1m ?? null, figures.levelOfService ?? null, since, nowMs, this.#crowdFlowNow);
      if (step && current) await clear(current);
      if (step?.action === 'raise') {
        const zone = gate.to ?? gate.from ?? '';
        const fields = { kind: 'gate-flow' as const, zone, level: alertLevelOf(step.levelOfService), gate: gate.id, levelOfService: step.levelOfService, flowPerMetreMinute: figures.flow1m ?? 0 };
        await raise(newAlert(fields, snapshot.zones[zone], nowMs));
      }
    }

    const due = programmeSlotsDue(this.venue.programme ?? [], venueDay(nowMs, this.venue.timezone), this.venue.timezone, nowMs);
    const dueKeys = new Set<string>();
    for (const { slot, startMs } of due) {
      const programme = { id: slot.id, start: new Date(startMs).toISOString(), minutes: slot.minutes };
      const key = alertKey({ kind: 'programme', zone: slot.zone, programme });
      dueKeys.add(key);
      if (active.has(key)) continue;
      const zone = this.venue.zones.find((candidate) => candidate.id === slot.zone);
      const figures = snapshot.zones[slot.zone];
      if (!zone) continue;
      const level = expectedLevel(zone, figures?.occupancy ?? 0, slot.expected);
      await raise(newAlert({ kind: 'programme', zone: slot.zone, level, minutesToThreshold: Math.max(0, Math.round((startMs - nowMs) / 60_000)), programme }, figures, nowMs));
    }
    for (const [key, alert] of active) if (alert.kind === 'programme' && !dueKeys.has(key)) await clear(alert);

    // A gate gone silent while the venue is open: someone must look (people may cross it uncounted).
    const silent = new Set(venueOpen(this.venue, nowMs) ? silentGatesIn(snapshot) : []);
    for (const gateId of silent) {
      const gate = this.venue.gates.find((candidate) => candidate.id === gateId);
      const zone = gate?.to ?? gate?.from;
      if (!zone || active.has(`gate_silent:${gateId}`)) continue;
      await raise(newAlert({ kind: 'gate_silent', zone, gate: gateId, level: snapshot.zones[zone]?.level ?? 'normal' }, snapshot.zones[zone], nowMs));
    }
    for (const alert of active.values()) if (alert.kind === 'gate_silent' && !silent.has(alert.gate ?? '')) await clear(alert);

    // A published version removed the zone or gate (issue 16): its alerts end, as nothing shows it now.
    const zones = new Set(this.venue.zones.map((zone) => zone.id));
    const gates = new Set(this.venue.gates.map((gate) => gate.id));
    for (const alert of active.values()) {
      if (alert.kind !== 'gate_silent' && (!zones.has(alert.zone) || (alert.gate !== undefined && !gates.has(alert.gate)))) await clear(alert);
    }
  }

  /** Keeps the zone's recent occupancy for the inflow forecast. */
  #record(zone: string, atMs: number, occupancy: number): OccupancySample[] {
    let samples = this.#samples.get(zone);
    if (!samples) this.#samples.set(zone, (samples = []));
    samples.push({ atMs, occupancy });
    const since = atMs - INFLOW_WINDOW_MS * 2;
    while (samples.length && samples[0]!.atMs < since) samples.shift();
    return samples;
  }
}
