import type { Role } from '@fairwatch/protocol';

/** The dashboard's screens: the control room, the phone's logging screen, and "my incidents". */
export type View = 'control' | 'report' | 'mine' | 'manager' | AdminView;

/** The admin's screens (issue 16): the venue studio, people and devices, the audit log. */
export type AdminView = 'venue' | 'people' | 'audit';
export const ADMIN_VIEWS: readonly AdminView[] = ['venue', 'people', 'audit'];

/** Roles that may log and handle incidents (the contract's POST/PATCH roles). */
export const RESPONDER_ROLES: readonly Role[] = ['security', 'operations', 'admin'];

/** Roles that may reopen a resolved incident (`POST /incidents/:id/reopen`). */
export const REOPENER_ROLES: readonly Role[] = ['operations', 'admin'];

/** Roles that see the attendance view (the reports endpoints' roles). */
export const MANAGER_ROLES: readonly Role[] = ['manager', 'admin'];

const HASHES: Record<View, string> = { control: '#/control', report: '#/report', mine: '#/mine', manager: '#/manager', venue: '#/venue', people: '#/people', audit: '#/audit' };

function fromHash(hash: string): View | null {
  const found = (Object.keys(HASHES) as View[]).find((view) => HASHES[view] === hash);
  return found ?? null;
}

/** Security staff on a phone land on the logging screen; everyone else in the control room. */
export function defaultView(role: Role, narrowScreen: boolean): View {
  if (role === 'manager') return 'manager';
  return role === 'security' && narrowScreen ? 'report' : 'control';
}

/** The chosen screen, in the address (#/report) so that a reload, or a home-screen shortcut, keeps it. */
class ViewRoute {
  chosen = $state<View | null>(fromHash(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => (this.chosen = fromHash(location.hash)));
  }

  go(view: View): void {
    this.chosen = view;
    history.replaceState(null, '', HASHES[view]);
  }
}

export const viewRoute = new ViewRoute();

/** An id made on the phone; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newIncidentId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
