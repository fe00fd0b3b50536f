import { AdminApiError, type PublishResult } from './admin-api.ts';

/** What a publish (or a roll back) came to, for the screen to say. */
export type PublishOutcome =
  | { kind: 'published'; result: PublishResult }
  | { kind: 'occupied'; zones: Array<{ zone: string; inside: number }> }
  | { kind: 'stale' }
  | { kind: 'invalid'; details: Array<{ path: string; message: string }> }
  | { kind: 'failed'; error: unknown };

/** Runs a publish and sorts the server's answer into what the admin must do next. */
export async function runPublish(publish: () => Promise<PublishResult>): Promise<PublishOutcome> {
  try {
    return { kind: 'published', result: await publish() };
  } catch (error) {
    if (!(error instanceof AdminApiError)) return { kind: 'failed', error };
    if (error.code === 'removes_occupied') return { kind: 'occupied', zones: error.details.map((detail) => ({ zone: detail.zone ?? '?', inside: detail.inside ?? 0 })) };
    if (error.code === 'stale_version') return { kind: 'stale' };
    if (error.status === 400 && error.details.length) return { kind: 'invalid', details: error.details.map((detail) => ({ path: Array.isArray(detail.path) ? detail.path.join('.') : (detail.path ?? ''), message: detail.message ?? '' })) };
    return { kind: 'failed', error };
  }
}
