/** Failed logins in a row that lock a staff account. */
export const LOCKOUT_THRESHOLD = 5;
const BASE_LOCK_MS = 15 * 60_000;
const MAX_LOCK_MS = 24 * 60 * 60_000;

/**
 * How long the n-th lockout in a row lasts (n from 1): 15 minutes, then twice as long each time,
 * at most a day. A successful login resets the series.
 */
export function lockoutDurationMs(lockoutNumber: number): number {
  const n = Math.max(1, Math.floor(lockoutNumber));
  return Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** Math.min(n - 1, 16));
}
