import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * Which proxies may tell who the client is (TRUST_PROXY). Anyone can send `X-Forwarded-For`; believing
 * it from anyone would let a client on the fair's Wi-Fi pick its address, and with it escape sign-in
 * throttling and per-address limits and write what it likes into the audit log.
 * - `none`: the socket's peer is the client (the default);
 * - `hops`: that many proxies stand in front, each appending the address it saw;
 * - `addresses`: proxies are known by address or network, and only their word is taken.
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; list: BlockList; text: string };

export const TRUST_NO_PROXY: TrustProxy = { kind: 'none' };

/** `127.0.0.1` and `::ffff:127.0.0.1` are one client (a dual-stack socket reports the second). */
export function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return (mapped ? mapped[1]! : address).toLowerCase();
}

function addToList(list: BlockList, entry: string): boolean {
  if (entry === 'loopback') {
    list.addSubnet('127.0.0.0', 8, 'ipv4');
    list.addAddress('::1', 'ipv6');
    return true;
  }
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) {
    list.addAddress(address, type);
    return true;
  }
  const bits = Number(prefix);
  if (!/^\d{1,3}$/.test(prefix) || bits > (family === 4 ? 32 : 128)) return false;
  list.addSubnet(address, bits, type);
  return true;
}

/**
 * Reads TRUST_PROXY: unset, `off` or `0`: no proxy; a whole number: that many hops; otherwise a comma
 * list of addresses, CIDR networks or `loopback`. Null when the text is none of these.
 */
export function parseTrustProxy(text: string | undefined): TrustProxy | null {
  const value = text?.trim() ?? '';
  if (value === '' || value === 'off' || value === 'false' || value === '0') return TRUST_NO_PROXY;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 10 ? { kind: 'hops', hops } : null;
  }
  const list = new BlockList();
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (!entries.length || !entries.every((entry) => addToList(list, entry))) return null;
  return { kind: 'addresses', list, text: entries.join(',') };
}

function trusted(trust: TrustProxy, address: string): boolean {
  if (trust.kind !== 'addresses') return false;
  const family = isIP(address);
  return family !== 0 && trust.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Whether the socket's peer is a proxy whose forwarded headers count. */
export function peerIsTrustedProxy(peer: string, trust: TrustProxy): boolean {
  if (trust.kind === 'hops') return trust.hops > 0;
  return trusted(trust, normaliseAddress(peer));
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy; then the forwarded
 * chain is walked from the right (the entry the nearest proxy appended) past trusted proxies, and the
 * first address that is not one is the client. Entries to its left were written by the client or by
 * proxies nobody vouches for, and are never read. A malformed entry stops the walk at the proxy that
 * passed it on.
 */
export function clientAddress(peer: string, forwardedFor: string | string[] | undefined, trust: TrustProxy): string {
  let current = normaliseAddress(peer);
  if (trust.kind === 'none' || !peerIsTrustedProxy(peer, trust)) return current;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const chain = header.split(',').map((entry) => normaliseAddress(entry.trim())).filter(Boolean);
  let hopsLeft = trust.kind === 'hops' ? trust.hops : Infinity;
  while (hopsLeft > 0 && chain.length) {
    const next = chain.pop()!;
    if (!isIP(next)) break;
    current = next;
    hopsLeft--;
    if (trust.kind === 'addresses' && !trusted(trust, current)) break;
  }
  return current;
}

/** The client address of a raw Node request (Socket.IO handshakes, engine.io requests). */
export function clientAddressOf(request: Pick<IncomingMessage, 'headers' | 'socket'>, trust: TrustProxy): string {
  return clientAddress(request.socket.remoteAddress ?? '', request.headers['x-forwarded-for'], trust);
}

/** `X-Forwarded-Host` and `X-Forwarded-Proto` of a trusted proxy, or undefined. */
export function forwardedHeader(request: Pick<IncomingMessage, 'headers' | 'socket'>, name: 'x-forwarded-host' | 'x-forwarded-proto', trust: TrustProxy): string | undefined {
  if (!peerIsTrustedProxy(request.socket.remoteAddress ?? '', trust)) return undefined;
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  // A chain of proxies appends: the nearest one's value is the last.
  return text?.split(',').pop()?.trim() || undefined;
}
