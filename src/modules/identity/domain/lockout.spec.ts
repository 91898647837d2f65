import { lockoutDurationMs } from './lockout';

describe('lockout duration', () => {
  it('starts at 15 minutes and doubles with each lockout in a row', () => {
    expect(lockoutDurationMs(1)).toBe(15 * 60_000);
    expect(lockoutDurationMs(2)).toBe(30 * 60_000);
    expect(lockoutDurationMs(3)).toBe(60 * 60_000);
  });

  it('never exceeds a day, however many lockouts', () => {
    expect(lockoutDurationMs(7)).toBe(16 * 60 * 60_000);
    expect(lockoutDurationMs(8)).toBe(24 * 60 * 60_000);
    expect(lockoutDurationMs(1000)).toBe(24 * 60 * 60_000);
  });

  it('treats nonsense counts as the first lockout', () => {
    expect(lockoutDurationMs(0)).toBe(15 * 60_000);
    expect(lockoutDurationMs(-3)).toBe(15 * 60_000);
  });
});
