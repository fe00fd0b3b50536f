import { takeProvisioning, type FieldPage } from './field-auth.svelte.ts';

const HASHES: Record<FieldPage, string> = { tally: '#/tally', scanner: '#/scanner' };

function pageOf(hash: string): FieldPage | null {
  return (Object.keys(HASHES) as FieldPage[]).find((page) => HASHES[page] === hash) ?? null;
}

/** The field page named by the address (#/tally, #/scanner), after taking a provisioning link if any. */
class FieldRoute {
  page = $state<FieldPage | null>(null);

  constructor() {
    takeProvisioning();
    this.page = pageOf(location.hash);
    window.addEventListener('hashchange', () => {
      takeProvisioning();
      this.page = pageOf(location.hash);
    });
  }

  go(page: FieldPage): void {
    this.page = page;
    history.replaceState(null, '', HASHES[page]);
  }
}

export const fieldRoute = new FieldRoute();
