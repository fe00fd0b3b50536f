import type { Point, Polygon, Stand, Zone } from '@fairwatch/venue';
import { bounds, polygonInside } from '@fairwatch/venue';

/** The columns a stands spreadsheet must have, in this order on export. */
export const STAND_COLUMNS = ['stand id', 'name_ar', 'name_fr', 'name_en', 'cooperative', 'zone'] as const;
export const MAX_STAND_ROWS = 2_000;

export interface StandRow {
  id: string;
  name: { ar: string; fr: string; en: string };
  cooperative: string;
  zone: string;
}

export type CsvProblem = { code: 'missing_columns'; columns: string[] } | { code: 'too_many_rows'; rows: number } | { code: 'empty' } | { code: 'bad_row'; row: number; column: string };

/** RFC 4180 fields: quotes, doubled quotes, commas and newlines inside quotes; `;` accepted as separator. */
export function parseCsv(text: string): string[][] {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const separator = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < clean.length; i++) {
    const char = clean[i]!;
    if (quoted) {
      if (char === '"' && clean[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) row.push(field), (field = '');
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && clean[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += char;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

/** The stands of a CSV file, or why it is refused (nothing is half-imported). */
export function standRowsFromCsv(text: string): { rows: StandRow[] } | { problem: CsvProblem } {
  return standRowsFromTable(parseCsv(text));
}

/** The stands of a sheet's cells (a CSV's or an XLSX's first sheet), header row first. */
export function standRowsFromTable(table: readonly string[][]): { rows: StandRow[] } | { problem: CsvProblem } {
  const [header, ...body] = table.filter((cells) => cells.some((cell) => cell.trim() !== ''));
  if (!header) return { problem: { code: 'empty' } };
  const names = header.map((cell) => cell.trim().toLowerCase().replace(/_/g, ' ').replace(/\s+/g, ' '));
  const index = (column: string) => names.indexOf(column.replace(/_/g, ' '));
  const missing = STAND_COLUMNS.filter((column) => index(column) < 0);
  if (missing.length) return { problem: { code: 'missing_columns', columns: [...missing] } };
  if (body.length > MAX_STAND_ROWS) return { problem: { code: 'too_many_rows', rows: body.length } };
  const rows: StandRow[] = [];
  for (const [n, cells] of body.entries()) {
    const cell = (column: (typeof STAND_COLUMNS)[number]) => (cells[index(column)] ?? '').trim();
    for (const column of ['stand id', 'name_ar', 'name_fr', 'name_en', 'zone'] as const) {
      if (!cell(column)) return { problem: { code: 'bad_row', row: n + 2, column } };
    }
    rows.push({ id: cell('stand id'), name: { ar: cell('name_ar'), fr: cell('name_fr'), en: cell('name_en') }, cooperative: cell('cooperative'), zone: cell('zone') });
  }
  return { rows };
}

function csvField(value: string): string {
  return /[",\n\r;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The stands back as a spreadsheet (the same columns; cooperative from `cooperatives` when known). */
export function standsToCsv(stands: readonly Stand[], cooperatives: ReadonlyMap<string, string> = new Map()): string {
  const lines = [STAND_COLUMNS.join(','), ...stands.map((stand) => [stand.id, stand.name.ar, stand.name.fr, stand.name.en, cooperatives.get(stand.id) ?? '', stand.zone].map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Lays `count` stands out as a grid of equal cells in the zone's bounding box, keeping only cells that lie
 * inside the zone; a 1 m aisle between cells. Fewer polygons than asked when the zone is too small.
 */
export function gridInZone(zone: Pick<Zone, 'polygon'>, count: number, aisleM = 1): Polygon[] {
  const box = bounds(zone.polygon);
  const width = box.maxX - box.minX;
  const height = box.maxY - box.minY;
  // Grow the grid until enough of its cells fall inside the zone (all of them, for a rectangle).
  for (let cellsAsked = count; cellsAsked <= count * 4; cellsAsked++) {
    const columns = Math.max(1, Math.round(Math.sqrt((cellsAsked * width) / Math.max(height, 1e-9))));
    const rows = Math.ceil(cellsAsked / columns);
    const cellW = width / columns;
    const cellH = height / rows;
    if (cellW <= aisleM || cellH <= aisleM) break;
    const cells: Polygon[] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const x0 = box.minX + c * cellW + aisleM / 2;
        const y0 = box.maxY - (r + 1) * cellH + aisleM / 2;
        const cell: Point[] = [
          [round(x0), round(y0)],
          [round(x0 + cellW - aisleM), round(y0)],
          [round(x0 + cellW - aisleM), round(y0 + cellH - aisleM)],
          [round(x0), round(y0 + cellH - aisleM)],
        ];
        if (polygonInside(cell, zone.polygon)) cells.push(cell);
      }
    }
    if (cells.length >= count) return cells.slice(0, count);
  }
  return [];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
