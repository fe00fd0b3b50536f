import { createHash, randomBytes } from 'node:crypto';

/**
 * HTTP Digest authentication (RFC 7616 / RFC 2617, MD5 or SHA-256, qop `auth`), for cameras that
 * accept nothing else: AXIS devices answer a request without credentials with a Digest challenge
 * (their API examples use `curl --anyauth`). Pure apart from the client nonce, which may be given.
 */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  qop?: string | undefined;
  opaque?: string | undefined;
  algorithm?: string | undefined;
}

/** The Digest challenge of a `WWW-Authenticate` header, or undefined when it offers no Digest. */
export function parseDigestChallenge(header: string | null | undefined): DigestChallenge | undefined {
  const at = header ? header.search(/\bDigest\s/i) : -1;
  if (!header || at < 0) return undefined;
  const params: Record<string, string> = {};
  for (const match of header.slice(at + 7).matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    params[match[1]!.toLowerCase()] = (match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1');
  }
  if (params.realm === undefined || params.nonce === undefined) return undefined;
  return { realm: params.realm, nonce: params.nonce, qop: params.qop, opaque: params.opaque, algorithm: params.algorithm };
}

export interface DigestRequest {
  method: string;
  /** The request target as sent: path and query. */
  uri: string;
  username: string;
  password: string;
  /** The nonce count: 1 for the first request on a nonce, then 2, 3… */
  nc: number;
  cnonce?: string;
}

/** The `Authorization` header value answering a challenge. */
export function digestAuthorization(challenge: DigestChallenge, request: DigestRequest): string {
  const algorithm = (challenge.algorithm ?? 'MD5').toUpperCase();
  const hashName = algorithm.startsWith('SHA-256') ? 'sha256' : 'md5';
  const hash = (text: string) => createHash(hashName).update(text).digest('hex');
  const cnonce = request.cnonce ?? randomBytes(8).toString('hex');
  const nc = request.nc.toString(16).padStart(8, '0');
  let ha1 = hash(`${request.username}:${challenge.realm}:${request.password}`);
  if (algorithm.endsWith('-SESS')) ha1 = hash(`${ha1}:${challenge.nonce}:${cnonce}`);
  const ha2 = hash(`${request.method}:${request.uri}`);
  const qop = challenge.qop?.split(',').map((value) => value.trim()).includes('auth') ? 'auth' : undefined;
  const response = qop ? hash(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : hash(`${ha1}:${challenge.nonce}:${ha2}`);
  const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;
  const parts = [
    `username=${quote(request.username)}`, `realm=${quote(challenge.realm)}`, `nonce=${quote(challenge.nonce)}`, `uri=${quote(request.uri)}`,
    `response="${response}"`, ...(challenge.algorithm ? [`algorithm=${challenge.algorithm}`] : []),
    ...(qop ? [`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`] : []), ...(challenge.opaque !== undefined ? [`opaque=${quote(challenge.opaque)}`] : []),
  ];
  return `Digest ${parts.join(', ')}`;
}
