/**
 * Provisioning links for phones on the floor (issue 17): the server's address and the page to open,
 * with the device key in the URL fragment. Browsers never send a fragment to a server, so the key
 * reaches no access log, proxy or Referer header; the dashboard reads it, keeps it on the phone and
 * takes it out of the address.
 */
import QRCode from 'qrcode';

export type FieldPage = 'tally' | 'scanner';

export interface ProvisioningTarget {
  page: FieldPage;
  /** The stand a scanner checks in for. */
  stand?: string;
}

/** Which page a device's scope calls for: one stand (no gates) is a stand scanner, gates a tally counter. */
export function fieldPageOf(gates: string[] | '*' | undefined, stands: string[] | '*' | undefined): ProvisioningTarget | null {
  if (Array.isArray(stands) && stands.length === 1 && !gates?.length) return { page: 'scanner', stand: stands[0]! };
  if (gates === '*' || (gates && gates.length > 0)) return { page: 'tally' };
  return null;
}

/** `<server>/#/provision?page=…&stand=…&key=…`: everything after `#` stays on the phone. */
export function provisioningLink(serverUrl: string, key: string, target: ProvisioningTarget): string {
  const base = new URL(serverUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error('the server URL must be http(s)');
  const query = new URLSearchParams({ page: target.page, ...(target.stand && { stand: target.stand }), key });
  base.hash = '';
  base.search = '';
  return `${base.toString().replace(/\/?$/, '/')}#/provision?${query}`;
}

/** The link as a QR code for a terminal, and as a PNG file when asked. */
export async function provisioningQr(link: string, pngPath?: string): Promise<string> {
  if (pngPath) await QRCode.toFile(pngPath, link, { errorCorrectionLevel: 'M', margin: 4, scale: 8 });
  return QRCode.toString(link, { type: 'terminal', small: true, errorCorrectionLevel: 'M' });
}
