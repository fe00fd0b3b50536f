/**
 * The first sheet of an XLSX file as text cells, read in the page (read-excel-file, loaded only when an
 * XLSX is chosen). Dates and numbers become their text; empty cells empty strings.
 */
export async function tableFromXlsx(file: Blob): Promise<string[][]> {
  const { readSheet } = await import('read-excel-file/browser');
  const rows = await readSheet(file);
  return rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : cell instanceof Date ? cell.toISOString() : String(cell))));
}
