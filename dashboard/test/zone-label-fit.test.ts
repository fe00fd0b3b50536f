import { describe, expect, it } from 'vitest';
import { FIGURE_SCALE, fitZoneLabel, wrapWords, type Measure } from '../src/lib/zone-label-fit.ts';

// A monospaced stand-in for the canvas: every character 0.6 em wide.
const measure: Measure = (text, px) => text.length * px * 0.6;

describe('zone labels', () => {
  it('wraps a name on words under a width, and refuses a word wider than it', () => {
    expect(wrapWords('First aid and facilities', 10, 60, measure)).toEqual(['First aid', 'and', 'facilities']);
    expect(wrapWords('Extraordinarily', 10, 60, measure)).toBeNull();
  });

  it('takes the largest size that fits, up to the maximum', () => {
    const fit = fitZoneLabel('Products pole', '900', 1000, 400, measure, 12, 30)!;
    expect(fit.namePx).toBe(30);
    const small = fitZoneLabel('Products pole', '900', 120, 80, measure, 12, 30)!;
    expect(small.namePx).toBeLessThan(30);
    expect(small.lines.every((line) => measure(line, small.namePx) <= 120)).toBe(true);
    expect(measure('900', small.namePx * FIGURE_SCALE)).toBeLessThanOrEqual(120);
  });

  it('puts name and figure on one line in a long flat zone', () => {
    const fit = fitZoneLabel('Central promenade', '310', 800, 40, measure, 12, 30)!;
    expect(fit.layout).toBe('row');
    expect(fit.namePx * FIGURE_SCALE * 1.15).toBeLessThanOrEqual(40);
  });

  it('turns the label a quarter in a tall narrow zone when that allows larger type', () => {
    const fit = fitZoneLabel('First aid and facilities', '24', 50, 220, measure, 12, 30)!;
    expect(fit.rotated).toBe(true);
    expect(fitZoneLabel('Stage', '24', 200, 200, measure, 12, 30)!.rotated).toBe(false);
  });

  it('gives up when even the smallest size does not fit', () => expect(fitZoneLabel('Seminar space', '1,000', 20, 20, measure, 12, 30)).toBeNull());
});

describe('zone labels with a forecast', () => {
  it('fits the forecast on its own line, or says no when it is wider than the zone', () => {
    const roomy = fitZoneLabel('Caftan Show stage', '1,010', 300, 200, measure, 12, 30, 'Busy expected at 20:44')!;
    expect(roomy).not.toBeNull();
    expect(measure('Busy expected at 20:44', Math.max(11, roomy.namePx * 0.8)) + 16).toBeLessThanOrEqual(300);
    expect(fitZoneLabel('Stage', '10', 90, 90, measure, 12, 30, 'Busy expected at 20:44')).toBeNull();
    expect(fitZoneLabel('Stage', '10', 90, 90, measure, 12, 30)).not.toBeNull();
  });
});

describe('zone labels in small zones', () => {
  it('keeps the first words of a name too long for its zone, marked as shortened', () => {
    const fit = fitZoneLabel('Premiers secours et sanitaires', '24', 22, 156, measure, 11, 30)!;
    expect(fit.shortened).toBe(true);
    expect(fit.lines.join(' ')).toMatch(/^Premiers( secours)?…$/);
    expect(fitZoneLabel('Premiers secours et sanitaires', '24', 400, 200, measure, 11, 30)!.shortened).toBeUndefined();
  });
});
