import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * Ids carry their type (`usr_…`, `evt_…`) and sort by creation time: 10 characters of
 * millisecond timestamp, then 16 random ones (80 bits), in Crockford's base32.
 */
export function newId(prefix: string, now = Date.now()): string {
  let time = "";
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = alphabet[t % 32] + time;
  const random = randomBytes(16);
  let tail = "";
  for (const byte of random) tail += alphabet[byte % 32];
  return `${prefix}_${time}${tail}`;
}
