import { hashPassword, needsRehash, verifyPassword } from './password-hasher';

describe('password hasher', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse 1', 10);
    expect(hash).toMatch(/^scrypt\$ln=10,r=8,p=3\$/);
    expect(await verifyPassword('correct horse 1', hash)).toBe(true);
    expect(await verifyPassword('correct horse 2', hash)).toBe(false);
  });

  it('salts every hash, so the same password never hashes the same twice', async () => {
    const [a, b] = await Promise.all([hashPassword('same-password-1', 10), hashPassword('same-password-1', 10)]);
    expect(a).not.toBe(b);
  });

  it('never matches a malformed or tampered hash', async () => {
    const hash = await hashPassword('secret-pass-1', 10);
    expect(await verifyPassword('secret-pass-1', 'plain-text')).toBe(false);
    expect(await verifyPassword('secret-pass-1', hash.replace('ln=10', 'ln=30'))).toBe(false);
    const parts = hash.split('$');
    parts[3] = Buffer.alloc(32, 1).toString('base64');
    expect(await verifyPassword('secret-pass-1', parts.join('$'))).toBe(false);
  });

  it('asks for a re-hash when the stored cost is below the configured one', async () => {
    const hash = await hashPassword('secret-pass-1', 10);
    expect(needsRehash(hash, 10)).toBe(false);
    expect(needsRehash(hash, 12)).toBe(true);
  });
});
