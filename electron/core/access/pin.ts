/**
 * PIN hashing: scrypt (node:crypto) with a random 16-byte salt per PIN, compared in constant time.
 *
 * Stored as "scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>" so the cost can be raised later and old
 * hashes still verify. N = 2^15, r = 8, p = 1 (32 MiB, some tens of milliseconds per try on a store PC): with
 * the lockout after wrong PINs (users.ts) a 4–8 digit PIN cannot be walked through the API, and a stolen file
 * costs an attacker that much per guess instead of nothing.
 */
import crypto from 'node:crypto';

const LOG_N = 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function scrypt(pin: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) =>
    crypto.scrypt(pin.normalize('NFKC'), salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPin(pin: string): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await scrypt(pin, salt, LOG_N, R, P);
  return ['scrypt', LOG_N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Does the PIN match the stored hash? False for an empty or malformed hash. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![logN, r, p].every((n) => Number.isInteger(n) && n > 0) || logN > 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length === 0 || expected.length !== KEY_BYTES) return false;
  const key = await scrypt(pin, salt, logN, r, p);
  return crypto.timingSafeEqual(key, expected);
}
