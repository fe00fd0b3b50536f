import { describe, expect, it } from 'vitest';
import { digestAuthorization, parseDigestChallenge } from '../../src/connectors/http-digest.ts';

describe('HTTP Digest authentication', () => {
  // RFC 2617, section 3.5: the worked example (user Mufasa, password "Circle Of Life").
  const header = 'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"';

  it('reads a challenge and answers it as RFC 2617\'s worked example', () => {
    const challenge = parseDigestChallenge(header);
    expect(challenge).toEqual({ realm: 'testrealm@host.com', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', qop: 'auth,auth-int', opaque: '5ccc069c403ebaf9f0171e9517f40e41', algorithm: undefined });
    const answer = digestAuthorization(challenge!, { method: 'GET', uri: '/dir/index.html', username: 'Mufasa', password: 'Circle Of Life', nc: 1, cnonce: '0a4f113b' });
    expect(answer).toContain('response="6629fae49393a05397450978507c4ef1"');
    expect(answer).toMatch(/qop=auth, nc=00000001, cnonce="0a4f113b"/);
    expect(answer).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"');
  });

  it('finds Digest among several schemes, and nothing where none is offered', () => {
    expect(parseDigestChallenge(`Basic realm="x", ${header}`)?.nonce).toBe('dcd98b7102dd2f0e8b11d0f600bfb0c093');
    expect(parseDigestChallenge('Basic realm="camera"')).toBeUndefined();
    expect(parseDigestChallenge(null)).toBeUndefined();
    expect(parseDigestChallenge('Digest qop="auth"')).toBeUndefined();
  });
});
