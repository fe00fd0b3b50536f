/**
 * A Bloom filter of the report ids the durable store remembers, in memory: most reports are new, and
 * "certainly not seen" spares them the disk lookups of every live id bucket; "maybe seen" (a retry, or
 * about 1 % of new ids) looks on disk as before, so it never changes an answer, only its cost. It holds
 * bits, not ids (10 bits an id), and is rebuilt from the disk when ids are forgotten or when it
 * fills up.
 */
export class IdFilter {
  #bits: Uint32Array;
  #size: number;
  #count = 0;
  static readonly HASHES = 7;
  /** Bits per id at capacity: with 7 hashes, about 1 % false positives. */
  static readonly BITS_PER_ID = 10;

  constructor(capacity = 1 << 16) {
    this.#size = Math.max(1 << 16, Math.ceil(capacity * IdFilter.BITS_PER_ID));
    this.#bits = new Uint32Array(Math.ceil(this.#size / 32));
  }

  /** Ids added since the filter was made. */
  get count(): number {
    return this.#count;
  }

  /** Whether more ids than it was made for were added (its false positives grow: rebuild it larger). */
  get full(): boolean {
    return this.#count * IdFilter.BITS_PER_ID > this.#size;
  }

  add(id: string): void {
    const [a, b] = hashes(id);
    for (let i = 0; i < IdFilter.HASHES; i++) {
      const bit = (a + i * b) % this.#size;
      this.#bits[bit >>> 5]! |= 1 << (bit & 31);
    }
    this.#count++;
  }

  /** False: the id was never added. True: it may have been. */
  mightHave(id: string): boolean {
    const [a, b] = hashes(id);
    for (let i = 0; i < IdFilter.HASHES; i++) {
      const bit = (a + i * b) % this.#size;
      if ((this.#bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Two independent 32-bit hashes (FNV-1a with two offsets), for double hashing; the second odd. */
function hashes(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x5bd1e995) >>> 0;
  }
  return [a, (b | 1) >>> 0];
}
