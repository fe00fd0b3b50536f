import { describe, expect, it } from 'vitest';
import { venueDay } from '@fairwatch/venue/venue-time';
import { EmbeddedStore } from '../../src/store/embedded-store.ts';
import { uniqueId } from '../support/api-client.ts';
import { DEVICE_KEY, startInProcessApp } from '../support/in-process-app.ts';

/** An embedded store whose count writes wait until the test lets them through. */
class HeldStore extends EmbeddedStore {
  private release!: () => void;
  private readonly held = new Promise<void>((resolve) => { this.release = resolve; });
  private entered!: () => void;
  readonly writeStarted = new Promise<void>((resolve) => { this.entered = resolve; });
  constructor() {
    super();
    const ingest = this.ingestCounts;
    this.ingestCounts = async (batch, context) => {
      this.entered();
      await this.held;
      return ingest(batch, context);
    };
  }
  letThrough() {
    this.release();
  }
}

describe('closing the app', () => {
  it('waits for the requests being handled before it returns (the caller closes the store next)', async () => {
    const store = new HeldStore();
    const running = await startInProcessApp({ store });
    try {
      const at = running.clock.now().toISOString();
      const write = running.api.post('/api/v1/counts', [{ id: uniqueId(), gate: 'door', in: 3, out: 0, at }], DEVICE_KEY).catch(() => undefined);
      await store.writeStarted;

      let closed = false;
      const closing = running.app.close().then(() => { closed = true; });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(closed).toBe(false);

      store.letThrough();
      await closing;
      await write;
      const floor = await store.readFloor(venueDay(running.clock.ms, running.venue.timezone), running.clock.ms);
      expect(floor.gates.door).toEqual({ in: 3, out: 0 });
    } finally {
      await store.close();
    }
  });
});
