import { session } from '../session.svelte.ts';

export type FieldPage = 'tally' | 'scanner';

/** A phone provisioned by QR code: its device key and the page it opens. */
export interface ProvisionedDevice {
  key: string;
  page: FieldPage;
  /** The stand a scanner checks in for. */
  stand?: string;
}

const STORAGE_KEY = 'fairwatch.device';

function isPage(value: unknown): value is FieldPage {
  return value === 'tally' || value === 'scanner';
}

function loadDevice(): ProvisionedDevice | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as ProvisionedDevice | null;
    if (stored && typeof stored.key === 'string' && isPage(stored.page)) return stored;
  } catch {
    // A damaged entry is as good as none.
  }
  return null;
}

/**
 * Who a field phone is to the server: the device key it was provisioned with (kept across restarts in
 * localStorage: the phone stays a tally counter or a scanner), or else the signed-in steward's session.
 */
class FieldAuth {
  device = $state<ProvisionedDevice | null>(loadDevice());
  /** The server refused the device key (removed with `pnpm accounts remove-device`). */
  refused = $state(false);

  provision(device: ProvisionedDevice): void {
    this.device = device;
    this.refused = false;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(device));
  }

  forget(): void {
    this.device = null;
    this.refused = false;
    localStorage.removeItem(STORAGE_KEY);
  }

  /** The bearer token of the field routes, or null when the phone has neither key nor sign-in. */
  token(): string | null {
    return this.device?.key ?? session.current?.token ?? null;
  }

  /** A 401: a refused device key is shown as such, a steward's session ends. */
  unauthorized(): void {
    if (this.device) this.refused = true;
    else session.end('unauthorized');
  }
}

export const fieldAuth = new FieldAuth();

/**
 * Reads a provisioning link (`#/provision?page=…&stand=…&key=…`, made by `pnpm accounts add-device
 * --url`): keeps the key on the phone and replaces the address by the page's, so the key does not
 * stay in the history or a bookmark. True when the address was one.
 */
export function takeProvisioning(hash: string = location.hash): boolean {
  if (!hash.startsWith('#/provision?')) return false;
  const params = new URLSearchParams(hash.slice('#/provision?'.length));
  const key = params.get('key');
  const page = params.get('page');
  const stand = params.get('stand') ?? undefined;
  if (!key || !isPage(page) || (page === 'scanner' && !stand)) return false;
  fieldAuth.provision({ key, page, ...(stand && { stand }) });
  history.replaceState(null, '', `${location.pathname}#/${page}`);
  return true;
}
