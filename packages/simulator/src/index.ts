/**
 * @fairwatch/simulator: plays a fair day through the public HTTP API, as the gate counters and stand
 * scanners would. The model is pure and seeded; the runner drives a server with it.
 */
export { startSimulator } from './runner.ts';
export type { SimulatorOptions, SimulatorHandle, SimulatorStats } from './runner.ts';
export type { SimulatorLog, SimulatorLogEvent } from './log.ts';

export { mulberry32, deriveSeed } from './random.ts';
export type { Random } from './random.ts';
export { parseClock, formatClock, openingMinutesOf, phaseOf } from './clock.ts';
export type { OpeningMinutes, ClockPhase } from './clock.ts';
export { DEFAULT_SHOWS, DEFAULT_SEMINARS, slotStageAt } from './programme.ts';
export type { ProgrammeSlot, SlotStage } from './programme.ts';
export { createVenuePlan, passagesOf } from './plan.ts';
export type { VenuePlan, ModelOptions, Passage, StandPlan, ZoneKind } from './plan.ts';
export { arrivalRatePerMinute, dayFactor } from './arrivals.ts';
export { initialState, stepModel, occupancyOf, insideOf } from './model.ts';
export type { ModelState, GateCount, StepResult } from './model.ts';
export { drawCheckins, drawBadge } from './checkins.ts';
export type { StandScan } from './checkins.ts';
export { drawIncidents, planFollowUp } from './incidents.ts';
export type { IncidentDraft, FollowUp } from './incidents.ts';
export { countReportsOf, checkinsOf, batchesOf } from './reports.ts';
export { simulateDay, simulateDays } from './days.ts';
export type { SimulatedDay, SimulatedStep } from './days.ts';
