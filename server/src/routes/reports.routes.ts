import Router from '@koa/router';
import type { Context } from 'koa';
import type { ReportDays } from '@fairwatch/protocol';
import { isDay, venueDay, venueMinuteOfDay } from '@fairwatch/venue/venue-time';
import { requireStaff } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { DAILY_TABLES, dailyReportCsv, standReportCsv, type DailyTable } from '../reports/csv-reports.ts';
import { buildDailyReport, type ReportClock } from '../reports/daily-report.ts';
import { reportLanguageOf } from '../reports/labels.ts';
import { buildManagerFigures } from '../reports/manager-figures.ts';
import { buildStandReport } from '../reports/stand-report.ts';
import type { RouteDeps } from './context.ts';
import { dayCrowdPeaks } from '../domain/crowd-peaks.ts';
import { LogCache } from '../services/replay-log-cache.ts';

/** The answer's format: JSON unless `?format=csv`. */
function formatOf(ctx: Context): 'json' | 'csv' {
  const format = ctx.query.format ?? 'json';
  if (format === 'json' || format === 'csv') return format;
  throw new ApiError('invalid_request', 'format is json or csv', [{ path: 'format', message: 'expected "json" or "csv"' }]);
}

/** Which table of the daily report a CSV holds (`?table=`, default the summary). */
function tableOf(ctx: Context): DailyTable {
  const table = ctx.query.table ?? 'summary';
  if (DAILY_TABLES.includes(table as DailyTable)) return table as DailyTable;
  throw new ApiError('invalid_request', `table is one of ${DAILY_TABLES.join(', ')}`, [{ path: 'table', message: `expected one of ${DAILY_TABLES.join(', ')}` }]);
}

function sendCsv(ctx: Context, name: string, csv: string): void {
  ctx.type = 'text/csv; charset=utf-8';
  ctx.set('Content-Disposition', `attachment; filename="${name}"`);
  ctx.body = csv;
}

/**
 * Attendance for managers (extension of the contract): live figures with comparisons, the days with
 * figures, the daily report and the per-stand report, as JSON or CSV. Roles manager and admin.
 */
export function reportsRoutes({ store, venue, credentials, sessions, feed, now }: RouteDeps): Router {
  const router = new Router({ prefix: '/api/v1/reports' });
  const managers = requireStaff(sessions, credentials, ['manager', 'admin']);
  const standZones = new Map(venue.stands.map((stand) => [stand.id, stand.zone]));
  // The day's worst time to clear and gate flow come from the durable log (issue 18).
  const log = new LogCache(store);
  const crowdSafetyOf = async (day: string, nowMs: number) => dayCrowdPeaks(await log.entries(nowMs), venue, day, nowMs);

  const clockAt = async (): Promise<ReportClock & { snapshot: Awaited<ReturnType<typeof feed.current>> }> => {
    const snapshot = await feed.current();
    const at = now();
    return { now: at, today: venueDay(at, venue.timezone), minuteOfDay: venueMinuteOfDay(at, venue.timezone), insideNow: snapshot.totals.inside, snapshot };
  };

  router.get('/live', managers, async (ctx) => {
    const clock = await clockAt();
    const days = (await store.listRollupDays()).filter((day) => day < clock.today);
    const [today, ...earlier] = await Promise.all([store.readRollup(clock.today), ...days.map((day) => store.readRollup(day))]);
    ctx.body = { ...buildManagerFigures(clock.snapshot, today!, earlier, venue, clock), crowdSafety: await crowdSafetyOf(clock.today, clock.now.getTime()) };
  });

  router.get('/days', managers, async (ctx) => {
    const today = venueDay(now(), venue.timezone);
    const rollups = await Promise.all((await store.listRollupDays()).map((day) => store.readRollup(day)));
    const body: ReportDays = { today, timezone: venue.timezone, days: rollups.map((r) => ({ day: r.day, entries: r.entries, checkins: r.checkins })) };
    ctx.body = body;
  });

  router.get('/daily/:day', managers, async (ctx) => {
    const day = ctx.params.day ?? '';
    if (!isDay(day)) throw new ApiError('invalid_request', 'the day is a calendar day written YYYY-MM-DD', [{ path: 'day', message: `"${day.slice(0, 40)}" is not a day` }]);
    const format = formatOf(ctx);
    const table = format === 'csv' ? tableOf(ctx) : 'summary';
    const clock = await clockAt();
    const [rollup, incidents] = await Promise.all([store.readRollup(day), store.listIncidents()]);
    const report = { ...buildDailyReport(rollup, incidents, venue, clock), crowdSafety: await crowdSafetyOf(day, clock.now.getTime()) };
    if (format === 'json') ctx.body = report;
    else {
      const language = reportLanguageOf(ctx.query.lang);
      sendCsv(ctx, `fairwatch-daily-${day}-${table}-${language}.csv`, dailyReportCsv(report, venue, language, table));
    }
  });

  router.get('/stands/:stand', managers, async (ctx) => {
    const stand = ctx.params.stand ?? '';
    const zone = standZones.get(stand);
    if (!zone) throw new ApiError('not_found', `the venue has no stand "${stand.slice(0, 128)}"`);
    const format = formatOf(ctx);
    const rollups = await Promise.all((await store.listRollupDays()).map((day) => store.readRollup(day)));
    const report = buildStandReport(stand, zone, rollups);
    if (format === 'json') ctx.body = report;
    else {
      const language = reportLanguageOf(ctx.query.lang);
      sendCsv(ctx, `fairwatch-stand-${stand.replace(/[^\w.-]/g, '_')}-${language}.csv`, standReportCsv(report, venue, language));
    }
  });

  return router;
}
