import { randomFillSync } from 'node:crypto';

/*
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds first, so event ids sort by creation
 * time and index well in the outbox, the inbox and the audit log. Within one millisecond the
 * 12-bit `rand_a` field is a counter (RFC 9562, section 6.2, method 1), so the ids one process
 * makes are strictly increasing even when many are made at once.
 */
let lastMillis = -1;
let counter = 0;

const maxCounter = 0xfff;

// Random bytes are drawn from the CSPRNG a few kilobytes at a time, as crypto.randomUUID does:
// one system call per id costs more than the rest of the id.
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

function takeRandom(count: number): number {
  if (poolOffset + count > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const offset = poolOffset;
  poolOffset += count;
  return offset;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function uuidV7(now: number = Date.now()): string {
  let millis = Math.max(Math.floor(now), lastMillis);
  if (millis === lastMillis) {
    counter += 1;
    // Counter spent: borrow the next millisecond rather than lose ordering.
    if (counter > maxCounter) {
      millis += 1;
      counter = counterStart();
    }
  } else {
    counter = counterStart();
  }
  lastMillis = millis;

  const bytes = new Uint8Array(16);
  let remaining = millis;
  for (let index = 5; index >= 0; index--) {
    bytes[index] = remaining % 256;
    remaining = Math.floor(remaining / 256);
  }
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes.set(pool.subarray(takeRandom(8), poolOffset), 8);
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return format(bytes);
}

/** Starts low in the 12-bit space, leaving room to count up within the millisecond. */
function counterStart(): number {
  const offset = takeRandom(2);
  return (((pool[offset] ?? 0) << 8) | (pool[offset + 1] ?? 0)) & 0x3ff;
}

function format(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += HEX[byte];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
