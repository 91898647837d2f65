import { AccessTokenStore, CachedAccessToken, MemoryAccessTokenStore, WechatAccessTokenProvider } from './wechat-access-token.provider';

function setup(expiresInSeconds = 7200) {
  let clock = 1_000_000;
  const now = () => clock;
  let calls = 0;
  let fail = false;
  const fetcher = async () => {
    calls += 1;
    await Promise.resolve();
    if (fail) throw new Error('WeChat is down');
    return { accessToken: `token-${calls}`, expiresInSeconds };
  };
  const store = new MemoryAccessTokenStore(now);
  const provider = new WechatAccessTokenProvider(fetcher, store, now, async () => undefined);
  return {
    provider,
    advance: (ms: number) => (clock += ms),
    calls: () => calls,
    setFail: (v: boolean) => (fail = v),
  };
}

describe('WeChat access token provider', () => {
  it('fetches once for many concurrent callers and then serves the cached token', async () => {
    const s = setup();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => s.provider.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(await s.provider.getToken()).toBe('token-1');
    expect(s.calls()).toBe(1);
  });

  it('refreshes five minutes before expiry, not after', async () => {
    const s = setup(7200);
    await s.provider.getToken();
    s.advance((7200 - 301) * 1000);
    expect(await s.provider.getToken()).toBe('token-1');
    s.advance(2000);
    expect(await s.provider.getToken()).toBe('token-2');
    expect(s.calls()).toBe(2);
  });

  it('refreshes at half the lifetime when the token lives less than ten minutes', async () => {
    const s = setup(400);
    await s.provider.getToken();
    s.advance(199_000);
    expect(await s.provider.getToken()).toBe('token-1');
    s.advance(2000);
    expect(await s.provider.getToken()).toBe('token-2');
  });

  it('keeps serving a still-valid token when the early refresh fails, and fails once it has expired', async () => {
    const s = setup(7200);
    await s.provider.getToken();
    s.advance(7000 * 1000);
    s.setFail(true);
    expect(await s.provider.getToken()).toBe('token-1');
    s.advance(300 * 1000);
    await expect(s.provider.getToken()).rejects.toThrow('WeChat is down');
  });

  it('fetches a new token after the current one is invalidated, and ignores stale invalidations', async () => {
    const s = setup();
    await s.provider.getToken();
    await s.provider.invalidate('some-older-token');
    expect(await s.provider.getToken()).toBe('token-1');
    await s.provider.invalidate('token-1');
    expect(await s.provider.getToken()).toBe('token-2');
  });

  it('waits for the token another process is fetching instead of fetching too', async () => {
    let clock = 0;
    let stored: CachedAccessToken | null = null;
    let polls = 0;
    const store: AccessTokenStore = {
      get: async () => {
        polls += 1;
        // The other process stores its token while we wait.
        if (polls === 3) stored = { token: 'from-other-process', refreshAt: clock + 1_000_000, expiresAt: clock + 2_000_000 };
        return stored;
      },
      set: async () => undefined,
      delete: async () => undefined,
      tryLock: async () => null,
      unlock: async () => undefined,
    };
    let fetched = 0;
    const provider = new WechatAccessTokenProvider(
      async () => {
        fetched += 1;
        return { accessToken: 'mine', expiresInSeconds: 7200 };
      },
      store,
      () => clock,
      async (ms) => {
        clock += ms;
      },
    );
    expect(await provider.getToken()).toBe('from-other-process');
    expect(fetched).toBe(0);
  });
});
