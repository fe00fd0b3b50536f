import { t } from '../i18n/index.ts';

const formats = new Map<string, Intl.NumberFormat>();

/** "6.4": a time to clear without its unit, for a table whose header names it. */
export function formatTenths(minutes: number, intl: string): string {
  let format = formats.get(intl);
  if (!format) formats.set(intl, (format = new Intl.NumberFormat(intl, { minimumFractionDigits: 1, maximumFractionDigits: 1 })));
  return format.format(minutes);
}

/** "6.4 min" in the user's language: times to clear are shown to a tenth of a minute, as the server rounds them. */
export function formatMinutes(minutes: number, intl: string): string {
  let format = formats.get(intl);
  if (!format) formats.set(intl, (format = new Intl.NumberFormat(intl, { minimumFractionDigits: 1, maximumFractionDigits: 1 })));
  return t('flow.minutes', { minutes: format.format(minutes) });
}
