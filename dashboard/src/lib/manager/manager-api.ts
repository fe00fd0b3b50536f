import type { DailyReport, ManagerFigures, ReportDays } from '@fairwatch/protocol';
import { ApiError, getJson } from '../api.ts';
import { session } from '../session.svelte.ts';

/** The managers' endpoints (GET /api/v1/reports/...). */
export const loadLive = () => getJson<ManagerFigures>('/api/v1/reports/live');
export const loadDays = () => getJson<ReportDays>('/api/v1/reports/days');
export const loadDaily = (day: string) => getJson<DailyReport>(`/api/v1/reports/daily/${encodeURIComponent(day)}`);

/** Fetches a CSV with the session's token and hands it to the browser as a download. */
export async function downloadCsv(path: string, fallbackName: string): Promise<void> {
  const token = session.current?.token;
  if (!token) throw new ApiError(401, 'unauthorized', 'not signed in');
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (response.status === 401) session.end('unauthorized');
  if (!response.ok) throw new ApiError(response.status, 'download_failed', response.statusText);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "13:00" for an hour of the day. */
export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** The hours worth drawing: the opening hours, widened to any hour with figures. */
export function hoursToShow(series: ReadonlyArray<readonly number[] | null>, open = 10, close = 22): number[] {
  let first = open;
  let last = close - 1;
  for (const values of series) {
    values?.forEach((value, hour) => {
      if (value > 0) {
        first = Math.min(first, hour);
        last = Math.max(last, hour);
      }
    });
  }
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * A calendar day as a day of the fair: "Sat 15 Oct, day 1". `fairDays` are the days with figures
 * (and today), oldest first; the first is day 1. A day is a date, not an instant: formatted in UTC.
 */
export function fairDayLabel(day: string, fairDays: readonly string[], intlLocale: string, dayWord: (n: number) => string): string {
  const date = new Intl.DateTimeFormat(intlLocale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
  const index = [...new Set(fairDays)].sort().indexOf(day);
  return index < 0 ? date : `${date}, ${dayWord(index + 1)}`;
}
