import type { Checkin, CountReport } from '@fairwatch/protocol';

/** A report made on a field phone, waiting in IndexedDB until the server has it. */
export type FieldItem = (
  | { kind: 'count'; report: CountReport }
  | { kind: 'checkin'; report: Checkin }
) & {
  /** The report's id, made on the phone: a resend is recognised by the server as the same report. */
  id: string;
  queuedAt: string;
  attempts: number;
  /** Why the server refused it for good (kept visible until discarded). */
  refused?: string;
  /** A check-in of a badge this phone scanned within the repeat window (shown; the server flags it too). */
  repeat?: boolean;
};

/** One tap on a tally counter: `n` people through `gate` in one direction. */
export interface Tap {
  id: string;
  gate: string;
  direction: 'in' | 'out';
  n: number;
  atMs: number;
}
