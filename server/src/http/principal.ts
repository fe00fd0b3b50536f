import type { Device } from '../auth/credentials.ts';
import type { Session } from '../auth/sessions.ts';

/** Who a request is from, once authenticated: a staff session or a device key. */
export type Principal = { kind: 'staff'; session: Session; token: string } | { kind: 'device'; device: Device };
