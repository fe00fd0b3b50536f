/**
 * A small CSV writer (RFC 4180): fields with the separator, a quote, a line break or surrounding space
 * are quoted and their quotes doubled; lines end with CRLF; the text starts with a UTF-8 byte-order
 * mark so that Excel reads Arabic and accented French correctly. Text that a spreadsheet would run as
 * a formula (=, +, -, @ first) is prefixed with an apostrophe.
 *
 * The dialect follows the spreadsheet of each language (Excel takes the list separator and decimal
 * mark from the system's regional settings): English `,` and `1.5`; French and Arabic (France,
 * Morocco) `;` and `1,5`. Numbers are written with the dialect's decimal mark and no grouping.
 */
export type Cell = string | number | null | undefined;

export interface CsvDialect {
  separator: ',' | ';';
  decimal: '.' | ',';
}

export const COMMA_DIALECT: CsvDialect = { separator: ',', decimal: '.' };
export const SEMICOLON_DIALECT: CsvDialect = { separator: ';', decimal: ',' };

const BOM = '\uFEFF';
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: Cell, dialect: CsvDialect = COMMA_DIALECT): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).replace('.', dialect.decimal) : '';
  const text = FORMULA.test(value) ? `'${value}` : value;
  const needsQuotes = text.includes(dialect.separator) || /["\r\n]|^\s|\s$/.test(text);
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(cells: readonly Cell[], dialect: CsvDialect = COMMA_DIALECT): string {
  return cells.map((cell) => csvCell(cell, dialect)).join(dialect.separator);
}

/** A whole CSV document (one table: a header row, then its rows). */
export function csvDocument(rows: ReadonlyArray<readonly Cell[]>, dialect: CsvDialect = COMMA_DIALECT): string {
  return BOM + rows.map((row) => csvRow(row, dialect)).join('\r\n') + '\r\n';
}
