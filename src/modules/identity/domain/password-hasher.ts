import { randomBytes, scrypt as scryptCb, ScryptOptions, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;
// OWASP's scrypt equivalents trade memory for parallelism: (2^15, 8, 3) is one of them.
const PARALLELISM = 3;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function optionsFor(logN: number, r: number, p: number): ScryptOptions {
  const N = 2 ** logN;
  // Node refuses to allocate more than 32 MiB by default; scrypt needs 128 * N * r bytes.
  return { N, r, p, maxmem: 128 * N * r * 2 };
}

/**
 * `scrypt$ln=15,r=8,p=3$<salt>$<key>` with a random 16-byte salt. The parameters travel with the
 * hash, so raising the cost later keeps old hashes verifiable.
 */
export async function hashPassword(password: string, logN: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, optionsFor(logN, BLOCK_SIZE, PARALLELISM));
  return `scrypt$ln=${logN},r=${BLOCK_SIZE},p=${PARALLELISM}$${salt.toString('base64')}$${key.toString('base64')}`;
}

const FORMAT = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** Constant-time comparison of the derived key; a malformed hash never matches. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const match = FORMAT.exec(hash);
  if (!match) return false;
  const [, logN, r, p, salt, key] = match;
  const expected = Buffer.from(key, 'base64');
  if (Number(logN) < 10 || Number(logN) > 20 || expected.length !== KEY_LENGTH) return false;
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), optionsFor(Number(logN), Number(r), Number(p)));
  return timingSafeEqual(actual, expected);
}

/** Whether a hash was made with a lower cost than the current one (re-hash at the next login). */
export function needsRehash(hash: string, logN: number): boolean {
  const match = FORMAT.exec(hash);
  return !match || Number(match[1]) < logN || Number(match[3]) !== PARALLELISM;
}
