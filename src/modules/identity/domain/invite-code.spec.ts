import { INVITE_CODE_PATTERN, newInviteCode, normalizeInviteCode } from './invite-code';

describe('invite codes', () => {
  it('are 10 unambiguous symbols and differ from one another', () => {
    const codes = Array.from({ length: 2000 }, newInviteCode);
    for (const code of codes) expect(code).toMatch(INVITE_CODE_PATTERN);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.join('')).not.toMatch(/[01IO]/);
  });

  it('normalize what a shopper typed and reject what cannot be a code', () => {
    expect(normalizeInviteCode(' abcdefgh23 ')).toBe('ABCDEFGH23');
    expect(normalizeInviteCode('ABC')).toBeNull();
    expect(normalizeInviteCode('ABCDEFGH10')).toBeNull();
    expect(normalizeInviteCode(undefined)).toBeNull();
  });
});
