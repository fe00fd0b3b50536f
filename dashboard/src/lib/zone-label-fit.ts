/**
 * How a zone's label (its name over its figure) fits inside the zone's box on screen: the largest type
 * that fits, the name wrapped on words, turned a quarter when the zone is tall and narrow, or name and
 * figure on one line when it is long and flat (a promenade). Pure, so it is unit tested; the map passes
 * a `measure` backed by a canvas.
 */

/** Width in px of `text` set in bold at `px`. */
export type Measure = (text: string, px: number) => number;

export interface LabelFit {
  /** Size of the name in px; the figure is `FIGURE_SCALE` times larger, a forecast `FORECAST_SCALE`. */
  namePx: number;
  /** The name's lines, as wrapped. */
  lines: string[];
  /** 'stack': name over figure; 'row': name then figure on one line. */
  layout: 'stack' | 'row';
  /** Read bottom to top (a quarter turn), for tall narrow zones. */
  rotated: boolean;
  /** The name was cut to its first words ("Premiers secours…"): the zone was too small for all of it. */
  shortened?: boolean;
}

export const FIGURE_SCALE = 1.45;
export const FORECAST_SCALE = 0.8;
/** A forecast's frame (dashed border and padding) in px, beyond its text. */
const FORECAST_FRAME = 16;
/** Line height used for fitting: a little above the CSS's 1.1-1.15, so rounding never overflows. */
const LINE = 1.2;
/** Gap between name and figure on one line, in ems of the name. */
const ROW_GAP = 0.6;

/** Greedy word wrap under `width`; null when one word alone is wider. */
export function wrapWords(text: string, px: number, width: number, measure: Measure): string[] | null {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate, px) <= width) line = candidate;
    else {
      if (!line || measure(word, px) > width) return null;
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function tryFit(name: string, figure: string, forecast: string, px: number, width: number, height: number, measure: Measure): Omit<LabelFit, 'rotated'> | null {
  const figurePx = px * FIGURE_SCALE;
  const figureWidth = measure(figure, figurePx);
  // A forecast, when there is one, takes its own line under the rest.
  const forecastPx = Math.max(11, px * FORECAST_SCALE);
  const forecastHeight = forecast ? forecastPx * LINE + 6 : 0;
  if (forecast && measure(forecast, forecastPx) + FORECAST_FRAME > width) return null;
  // Name and figure on one line.
  if (measure(name, px) + ROW_GAP * px + figureWidth <= width && figurePx * LINE + forecastHeight <= height) return { namePx: px, lines: [name], layout: 'row' };
  if (figureWidth > width) return null;
  const lines = wrapWords(name, px, width, measure);
  if (!lines || lines.length > 3) return null;
  if (lines.length * px * LINE + figurePx * LINE + forecastHeight > height) return null;
  return { namePx: px, lines, layout: 'stack' };
}

/**
 * The largest label from `maxPx` down to `minPx` (in 1 px steps) that fits a `width` × `height` box;
 * upright first, turned a quarter only where that allows larger type; a `forecast` ("Crowded in 12 min")
 * must fit too, on its own line. When the whole name cannot fit even at `minPx`, its first words do
 * ("Premiers secours…", `shortened`); null when not even one word fits (the zone is too small on screen:
 * the label still names it to screen readers, and its details do).
 */
export function fitZoneLabel(name: string, figure: string, width: number, height: number, measure: Measure, minPx = 12, maxPx = 30, forecast = ''): LabelFit | null {
  const whole = fitWholeName(name, figure, width, height, measure, minPx, maxPx, forecast);
  if (whole) return whole;
  // Too small for the whole name: its first words and an ellipsis, rather than no name at all.
  const words = name.split(/\s+/).filter(Boolean);
  for (let kept = words.length - 1; kept >= 1; kept--) {
    const fit = fitWholeName(`${words.slice(0, kept).join(' ')}…`, figure, width, height, measure, minPx, maxPx, forecast);
    if (fit) return { ...fit, shortened: true };
  }
  return null;
}

function fitWholeName(name: string, figure: string, width: number, height: number, measure: Measure, minPx: number, maxPx: number, forecast: string): LabelFit | null {
  const upright = (px: number) => tryFit(name, figure, forecast, px, width, height, measure);
  const turned = (px: number) => (height > width * 1.3 ? tryFit(name, figure, forecast, px, height, width, measure) : null);
  for (let px = Math.floor(maxPx); px >= minPx; px--) {
    const fit = upright(px);
    if (fit) return { ...fit, rotated: false };
    const quarter = turned(px);
    if (quarter) return { ...quarter, rotated: true };
  }
  return null;
}
