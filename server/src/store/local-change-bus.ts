import { EventEmitter } from 'node:events';
import type { ChangeBus, StoreChange } from './store.ts';

/**
 * The change bus of a one-process store (the in-memory and the durable embedded ones): the changes of
 * this process, heard by this process. Redis has its own (pub/sub, see redis-store.ts).
 */
export class LocalChangeBus implements ChangeBus {
  private readonly emitter = new EventEmitter();

  onChange(listener: (change: StoreChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  publish(change: StoreChange): void {
    // Listeners run after the write's promise settles, as they would with a real bus.
    queueMicrotask(() => this.emitter.emit('change', change));
  }

  close(): void {
    this.emitter.removeAllListeners();
  }
}
