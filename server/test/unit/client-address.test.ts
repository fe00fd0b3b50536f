import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustProxy, type TrustProxy } from '../../src/http/client-address.ts';

const trust = (text: string): TrustProxy => {
  const parsed = parseTrustProxy(text);
  if (!parsed) throw new Error(`not a TRUST_PROXY: ${text}`);
  return parsed;
};

describe('TRUST_PROXY', () => {
  it('reads off, hop counts and lists of addresses, networks and loopback', () => {
    for (const text of [undefined, '', 'off', '0', 'false']) expect(parseTrustProxy(text)?.kind).toBe('none');
    expect(parseTrustProxy('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(parseTrustProxy('10.0.0.5, 192.168.0.0/16, loopback, fd00::/8')?.kind).toBe('addresses');
  });

  it('refuses anything else', () => {
    for (const text of ['yes', '10.0.0.300', '10.0.0.0/33', '10.0.0.1/8/2', 'fd00::/129', ',', '11', 'proxy.local']) expect(parseTrustProxy(text), text).toBeNull();
  });
});

describe('the client address', () => {
  it('is the socket peer when no proxy is trusted, whatever the header says', () => {
    expect(clientAddress('192.168.1.20', '6.6.6.6', trust('off'))).toBe('192.168.1.20');
    expect(clientAddress('::ffff:192.168.1.20', '6.6.6.6, 7.7.7.7', trust('off'))).toBe('192.168.1.20');
  });

  it('is the socket peer when the peer is not one of the trusted proxies', () => {
    expect(clientAddress('192.168.1.20', '6.6.6.6', trust('10.0.0.5'))).toBe('192.168.1.20');
  });

  it('is the first untrusted address walking from the right, past trusted proxies only', () => {
    const proxies = trust('10.0.0.5, 10.0.1.0/24');
    // The client wrote 6.6.6.6 itself; the proxies appended the real address and each other.
    expect(clientAddress('10.0.0.5', '6.6.6.6, 192.168.1.20, 10.0.1.7', proxies)).toBe('192.168.1.20');
    expect(clientAddress('::ffff:10.0.0.5', '192.168.1.20', proxies)).toBe('192.168.1.20');
    // Without a header, the proxy itself is the client it knows of.
    expect(clientAddress('10.0.0.5', undefined, proxies)).toBe('10.0.0.5');
    // A malformed entry stops the walk at the proxy that passed it on.
    expect(clientAddress('10.0.0.5', 'not-an-address', proxies)).toBe('10.0.0.5');
  });

  it('takes as many entries from the right as there are hops', () => {
    expect(clientAddress('10.0.0.5', '6.6.6.6, 192.168.1.20', trust('1'))).toBe('192.168.1.20');
    expect(clientAddress('10.0.0.5', '6.6.6.6, 192.168.1.20, 10.0.0.9', trust('2'))).toBe('192.168.1.20');
    expect(clientAddress('10.0.0.5', '192.168.1.20', trust('3'))).toBe('192.168.1.20');
  });
});
