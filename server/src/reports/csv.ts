/**
 * A small CSV writer (RFC 4180): fields with a comma, quote, line break or surrounding space are
 * quoted and their quotes doubled; lines end with CRLF; the text starts with a UTF-8 byte-order mark
 * so that Excel reads Arabic and accented French correctly. Text that a spreadsheet would run as a
 * formula (=, +, -, @ first) is prefixed with an apostrophe; numbers are written as they are.
 */
export type Cell = string | number | null | undefined;

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(',');
}

/** A whole CSV document from rows (an empty row separates tables). */
export function csvDocument(rows: ReadonlyArray<readonly Cell[]>): string {
  return BOM + rows.map(csvRow).join('\r\n') + '\r\n';
}
