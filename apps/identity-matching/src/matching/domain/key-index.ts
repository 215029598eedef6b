/**
 * Blocking keys (safe integers up to 2^53) → consecutive block numbers, in an open-addressing
 * table over typed arrays. A million-record directory gives each rule up to a million keys; in a
 * Map each would be a heap number and an entry object, hundreds of megabytes over all the rules,
 * and work for the garbage collector while blocking runs. Here a key costs 12 bytes, the table
 * being kept at most 70% full (linear probing stays short below that).
 */
const MAX_LOAD = 0.7;

export class KeyIndex {
  private keys: Float64Array;
  /** Block number + 1 per slot; 0 marks an empty slot. */
  private blocks: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity * MAX_LOAD < expected) capacity *= 2;
    this.keys = new Float64Array(capacity);
    this.blocks = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The key's block number, or -1 when the key has none. */
  get(key: number): number {
    for (let slot = slotOf(key) & this.mask; ; slot = (slot + 1) & this.mask) {
      const block = this.blocks[slot] as number;
      if (block === 0) return -1;
      if (this.keys[slot] === key) return block - 1;
    }
  }

  /** The key's block number, the next one when the key is new. */
  add(key: number): number {
    for (let slot = slotOf(key) & this.mask; ; slot = (slot + 1) & this.mask) {
      const block = this.blocks[slot] as number;
      if (block === 0) {
        this.keys[slot] = key;
        this.blocks[slot] = ++this.count;
        if (this.count > this.blocks.length * MAX_LOAD) this.grow();
        return this.count - 1;
      }
      if (this.keys[slot] === key) return block - 1;
    }
  }

  private grow(): void {
    const keys = this.keys;
    const blocks = this.blocks;
    this.keys = new Float64Array(keys.length * 2);
    this.blocks = new Int32Array(blocks.length * 2);
    this.mask = this.blocks.length - 1;
    for (let old = 0; old < blocks.length; old++) {
      const block = blocks[old] as number;
      if (block === 0) continue;
      const key = keys[old] as number;
      let slot = slotOf(key) & this.mask;
      while (this.blocks[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.blocks[slot] = block;
    }
  }
}

/** Mixes both 32-bit halves of the key (keys are hashes already, but linear probing wants spread). */
function slotOf(key: number): number {
  const low = key >>> 0;
  const high = Math.floor(key / 4_294_967_296) >>> 0;
  let hash = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}
