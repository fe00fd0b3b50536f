import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fesVenue, loadVenueFile, parseVenue, VenueError } from '../src/index.ts';
import type { Venue } from '../src/index.ts';

/** A deep copy of the bundled venue to break on purpose. */
function fesCopy(): Venue {
  return structuredClone(fesVenue);
}

/** The VenueError that parsing `json` throws (fails the test if it does not throw one). */
function parseError(json: unknown): VenueError {
  try {
    parseVenue(json);
  } catch (error) {
    if (error instanceof VenueError) return error;
    throw error;
  }
  throw new Error('expected parseVenue to throw a VenueError');
}

describe('parseVenue', () => {
  it('accepts the bundled venue unchanged', () => {
    expect(parseVenue(fesCopy())).toEqual(fesVenue);
  });

  it('rejects a zone with a bad threshold, naming the field', () => {
    const venue = fesCopy();
    venue.zones[2]!.thresholds.busy = 0;
    const error = parseError(venue);
    expect(error.message).toMatch(/^venue file is invalid: /);
    expect(error.message).toContain('zones.2.thresholds.busy: Too small');
  });

  it('rejects thresholds that do not increase', () => {
    const venue = fesCopy();
    venue.zones[1]!.thresholds = { busy: 2, crowded: 1, critical: 3 };
    expect(parseError(venue).message).toContain('zones.1.thresholds: thresholds must increase');
  });

  it('rejects a gate naming an unknown zone', () => {
    const venue = fesCopy();
    venue.gates[3]!.to = 'foo';
    expect(parseError(venue).message).toContain('gates.3.to: unknown zone "foo"');
  });

  it('rejects a gate from outside to outside, and one from a zone to itself', () => {
    const venue = fesCopy();
    venue.gates[0]!.to = null;
    venue.gates[2]!.to = venue.gates[2]!.from;
    const { problems } = parseError(venue);
    expect(problems).toContain('gates.0: from and to cannot both be outside (null)');
    expect(problems).toContain('gates.2.to: same zone as from ("entrance-plaza")');
  });

  it('rejects a gate width that is not positive and an emergency exit that does not lead outside', () => {
    const venue = fesCopy();
    venue.gates[1]!.widthM = 0;
    venue.gates[3]!.emergencyExit = true;
    const { problems } = parseError(venue);
    expect(problems.some((problem) => problem.startsWith('gates.1.widthM: a clear width of at least 0.5 m'))).toBe(true);
    const schemaOk = fesCopy();
    schemaOk.gates[3]!.emergencyExit = true;
    expect(parseError(schemaOk).problems).toContain('gates.3.emergencyExit: an emergency exit must lead outside (from or to null)');
  });

  it('rejects crowd-flow settings out of range, naming the field', () => {
    const venue = fesCopy();
    venue.crowdFlow = { exitFlowRate: -1, gateFlowAlertLevel: 'G' as 'E' };
    const { problems } = parseError(venue);
    expect(problems.some((problem) => problem.startsWith('crowdFlow.exitFlowRate'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('crowdFlow.gateFlowAlertLevel'))).toBe(true);
  });

  it('rejects a stand outside its zone', () => {
    const venue = fesCopy();
    const index = venue.stands.findIndex((stand) => stand.id === 'INT-UAE');
    venue.stands[index]!.zone = 'seminar-space';
    expect(parseError(venue).message).toContain(`stands.${index}.polygon: stand "INT-UAE" lies outside its zone "seminar-space"`);
  });

  it('rejects a stand in an unknown zone', () => {
    const venue = fesCopy();
    venue.stands[0]!.zone = 'attic';
    expect(parseError(venue).message).toContain('stands.0.zone: unknown zone "attic"');
  });

  it('rejects duplicate ids of zones, stands and gates', () => {
    const venue = fesCopy();
    venue.zones[4]!.id = venue.zones[3]!.id;
    venue.stands[7]!.id = 'P-001';
    venue.gates[5]!.id = 'main-gate';
    const { problems } = parseError(venue);
    expect(problems).toContain(`zones.4.id: duplicate id "${venue.zones[3]!.id}" (first at zones.3)`);
    expect(problems).toContain('stands.7.id: duplicate id "P-001" (first at stands.0)');
    expect(problems).toContain('gates.5.id: duplicate id "main-gate" (first at gates.0)');
  });

  it('rejects an area that does not match the polygon', () => {
    const venue = fesCopy();
    venue.zones[0]!.areaM2 = 200;
    expect(parseError(venue).message).toContain("zones.0.areaM2: 200 differs by more than 1% from the polygon's area (180)");
  });

  it('rejects a zone that reaches beyond the floor', () => {
    const venue = fesCopy();
    venue.width = 70;
    expect(parseError(venue).message).toMatch(/zones\.\d+\.polygon\.\d+: \[80, \d+\] lies outside the floor \(70 x 50 m\)/);
  });

  it('lists every bad field of the schema at once', () => {
    const venue: Record<string, unknown> = { ...fesCopy(), timezone: '', gates: [] };
    const { problems } = parseError(venue);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^timezone: /), expect.stringMatching(/^gates: /)]));
  });

  it('rejects something that is not a venue at all', () => {
    expect(parseError(null).message).toMatch(/^venue file is invalid: \(venue\): /);
  });
});

describe('loadVenueFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fairwatch-venue-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a valid venue file', () => {
    const file = join(dir, 'fes.json');
    writeFileSync(file, JSON.stringify(fesVenue));
    expect(loadVenueFile(file)).toEqual(fesVenue);
  });

  it('names the file on a JSON syntax error', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "id": "broken", ');
    expect(() => loadVenueFile(file)).toThrow(VenueError);
    expect(() => loadVenueFile(file)).toThrow(`venue file ${file} is invalid: `);
  });

  it('names the file and the field of an invalid venue', () => {
    const file = join(dir, 'invalid.json');
    const venue = fesCopy();
    venue.gates[3]!.to = 'foo';
    writeFileSync(file, JSON.stringify(venue));
    expect(() => loadVenueFile(file)).toThrow(`venue file ${file} is invalid: gates.3.to: unknown zone "foo"`);
  });

  it('names the file when it cannot be read', () => {
    const file = join(dir, 'missing.json');
    expect(() => loadVenueFile(file)).toThrow(new RegExp(`^venue file ${file.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')} is invalid: ENOENT`));
  });
});
