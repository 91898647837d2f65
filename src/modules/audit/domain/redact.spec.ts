import { MAX_BODY_JSON, REDACTED, redact, redactedJson } from './redact';

describe('operation log body redaction', () => {
  it('redacts passwords, tokens, keys and secrets at any depth', () => {
    const body = {
      username: 'alice',
      password: 'p@ss-1234',
      newPassword: 'x',
      currentPassword: 'y',
      refreshToken: 'rt',
      nested: { apiV3Key: 'k', private_key: 'pem', secret: 's', list: [{ accessToken: 'a', keep: 1 }] },
      sessionKey: 'sk',
      code: '0a3X',
      skuCode: 'SKU-1',
    };
    expect(redact(body)).toEqual({
      username: 'alice',
      password: REDACTED,
      newPassword: REDACTED,
      currentPassword: REDACTED,
      refreshToken: REDACTED,
      nested: { apiV3Key: REDACTED, private_key: REDACTED, secret: REDACTED, list: [{ accessToken: REDACTED, keep: 1 }] },
      sessionKey: REDACTED,
      code: REDACTED,
      skuCode: 'SKU-1',
    });
  });

  it('shortens long strings and arrays and stops at a depth', () => {
    const out = redact({ s: 'x'.repeat(600), a: Array.from({ length: 60 }, (_, i) => i), d: { a: { b: { c: { d: { e: { f: 1 } } } } } } }) as any;
    expect(out.s).toHaveLength(501);
    expect(out.a).toHaveLength(51);
    expect(out.a[50]).toBe('[10 more]');
    expect(JSON.stringify(out.d)).toContain('[…]');
  });

  it('stores nothing for an empty body and a marker for a huge one', () => {
    expect(redactedJson(undefined)).toBeNull();
    expect(redactedJson({})).toBeNull();
    const huge = { items: Array.from({ length: 50 }, () => ({ a: 'y'.repeat(400), b: 'z'.repeat(400) })) };
    expect(JSON.parse(redactedJson(huge)!)).toEqual({ truncated: true, size: expect.any(Number) });
    expect(JSON.parse(redactedJson(huge)!).size).toBeGreaterThan(MAX_BODY_JSON);
  });
});
