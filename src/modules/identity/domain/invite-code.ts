import { randomInt } from 'node:crypto';

// No 0/O, 1/I: codes are read aloud and typed by hand.
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const INVITE_CODE_LENGTH = 10;
export const INVITE_CODE_PATTERN = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}$/;

/** A random invite code: 10 symbols of 32, 50 bits, from the CSPRNG (not guessable from another). */
export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Upper-cases and trims what a shopper typed; null when it cannot be a code. */
export function normalizeInviteCode(raw: string | undefined | null): string | null {
  if (typeof raw !== 'string') return null;
  const code = raw.trim().toUpperCase();
  return INVITE_CODE_PATTERN.test(code) ? code : null;
}
