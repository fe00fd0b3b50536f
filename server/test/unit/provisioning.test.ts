import { describe, expect, it } from 'vitest';
import { fieldPageOf, provisioningLink } from '../../src/cli/provisioning.ts';

describe('provisioning links for phones', () => {
  it('opens a stand scanner for one stand and a tally counter for gates', () => {
    expect(fieldPageOf(undefined, ['P-042'])).toEqual({ page: 'scanner', stand: 'P-042' });
    expect(fieldPageOf(['main-gate'], undefined)).toEqual({ page: 'tally' });
    expect(fieldPageOf('*', '*')).toEqual({ page: 'tally' });
    expect(fieldPageOf(undefined, ['P-1', 'P-2'])).toBeNull();
    expect(fieldPageOf([], undefined)).toBeNull();
  });

  it('puts the page and the key in the fragment only, whatever the server URL carries', () => {
    const link = provisioningLink('https://fair.example/fw?x=1#old', 'scanner-p042.s3cr+t/=', { page: 'scanner', stand: 'P-042' });
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}${url.search}`).toBe('https://fair.example/fw/');
    expect(url.hash.startsWith('#/provision?')).toBe(true);
    const params = new URLSearchParams(url.hash.slice('#/provision?'.length));
    expect(Object.fromEntries(params)).toEqual({ page: 'scanner', stand: 'P-042', key: 'scanner-p042.s3cr+t/=' });
    expect(() => provisioningLink('ftp://fair.example', 'k', { page: 'tally' })).toThrow();
  });
});
