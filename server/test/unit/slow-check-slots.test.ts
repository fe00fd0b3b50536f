import { describe, expect, it } from 'vitest';
import { SlowCheckSlots } from '../../src/http/slow-check-slots.ts';

describe('slow checks taking turns per address', () => {
  it('runs at most its number at once per address, the others in the order they came, other addresses at once', async () => {
    const slots = new SlowCheckSlots(2);
    const order: string[] = [];
    const take = (address: string, name: string) => slots.acquire(address).then((release) => (order.push(name), release));
    const [first, second] = await Promise.all([take('10.0.0.1', 'a1'), take('10.0.0.1', 'a2')]);
    const third = take('10.0.0.1', 'a3');
    const fourth = take('10.0.0.1', 'a4');
    const other = await take('10.0.0.2', 'b1');
    expect(order).toEqual(['a1', 'a2', 'b1']);
    expect(slots.running('10.0.0.1')).toBe(2);
    first();
    first(); // a second release frees nothing more
    await third;
    expect(order).toEqual(['a1', 'a2', 'b1', 'a3']);
    expect(slots.running('10.0.0.1')).toBe(2);
    second();
    (await fourth)();
    (await third)();
    other();
    expect(slots.running('10.0.0.1')).toBe(0);
    expect(slots.running('10.0.0.2')).toBe(0);
  });
});
