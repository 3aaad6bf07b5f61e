import { randomBytes } from 'node:crypto';

let last = 0;
let counter = 0;

/**
 * A new row id: 10 characters of time then 12 random ones, base 36, so ids sort by creation
 * (ties inside one millisecond keep their order through a counter) and need no sequence,
 * which keeps the schema the same on SQLite and PostgreSQL.
 */
export function newId(): string {
  const now = Date.now();
  if (now === last) counter++;
  else {
    last = now;
    counter = 0;
  }
  const time = now.toString(36).padStart(9, '0') + counter.toString(36).padStart(3, '0');
  const rand = BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString(36)
    .padStart(13, '0')
    .slice(0, 10);
  return time + rand;
}
