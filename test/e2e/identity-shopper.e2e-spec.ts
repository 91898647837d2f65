import { Injectable, Module } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ShopperInvitedEvent, ShopperRegisteredEvent } from '../../src/modules/identity';
import { ShopperEntity } from '../../src/modules/identity/domain/shopper.entity';
import { RefreshTokenEntity } from '../../src/modules/identity/domain/refresh-token.entity';
import { ShopperAddressEntity } from '../../src/modules/identity/domain/shopper-address.entity';
import { ShopperService, WechatMiniProgramClient } from '../../src/modules/identity';
import { WechatAccessTokenProvider } from '../../src/modules/identity/infrastructure/wechat-access-token.provider';
import { createTestApp, TestApp } from '../support/app-factory';
import { anonymous, asShopper, asSuperAdmin, ShopperClient, withToken } from '../support/clients';

const invited: ShopperInvitedEvent[] = [];
const registered: ShopperRegisteredEvent[] = [];

@Injectable()
class EventRecorder {
  @OnEvent(ShopperInvitedEvent.eventName)
  onInvited(event: ShopperInvitedEvent) {
    invited.push(event);
  }

  @OnEvent(ShopperRegisteredEvent.eventName)
  onRegistered(event: ShopperRegisteredEvent) {
    registered.push(event);
  }
}

@Module({ providers: [EventRecorder] })
class EventRecorderModule {}

const address = {
  receiverName: '王小明',
  phone: '13800138000',
  province: '上海市',
  city: '上海市',
  district: '徐汇区',
  detail: '漕溪北路 88 号',
};

describe('identity: shoppers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ extraModules: [EventRecorderModule] });
  });
  afterAll(async () => {
    await t?.close();
  });

  const shopperCount = () => t.dataSource.getRepository(ShopperEntity).count();
  const login = (code: string, inviteCode?: string) =>
    anonymous(t).post('/api/v1/app/auth/wechat-login', inviteCode === undefined ? { code } : { code, inviteCode });

  describe('WeChat login', () => {
    it('creates the shopper at the first login and finds the same one afterwards', async () => {
      const first = t.wechat.issueLoginCode({ unionid: 'union-abc' });
      const res = await login(first.code).expect(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 7200,
        user: { id: expect.any(Number), nickname: null, avatarUrl: null, phone: null, inviteCode: expect.stringMatching(/^[2-9A-HJ-NP-Z]{10}$/) },
      });
      const again = await login(t.wechat.issueLoginCode({ openid: first.openid }).code).expect(200);
      expect(again.body.user).toEqual(res.body.user);
      expect(again.body.refreshToken).not.toBe(res.body.refreshToken);
      await withToken(t, again.body.accessToken).get('/api/v1/app/me').expect(200);
    });

    it('keeps the openid, unionid and session key out of every answer and seals the session key at rest', async () => {
      const issued = t.wechat.issueLoginCode({ unionid: 'union-secret' });
      const res = await login(issued.code).expect(200);
      const me = await withToken(t, res.body.accessToken).get('/api/v1/app/me').expect(200);
      for (const body of [res.body, me.body]) {
        const text = JSON.stringify(body);
        expect(text).not.toContain(issued.openid);
        expect(text).not.toContain('union-secret');
        expect(text).not.toContain(issued.sessionKey);
      }
      const row = await t.dataSource.getRepository(ShopperEntity).findOneByOrFail({ openid: issued.openid });
      expect(row.unionid).toBe('union-secret');
      expect(row.sessionKeySealed).toMatch(/^v1\./);
      expect(row.sessionKeySealed).not.toContain(issued.sessionKey);
    });

    it('sends the configured appid and secret to jscode2session', async () => {
      t.wechat.resetCalls();
      await asShopper(t);
      const call = t.wechat.calls.find((c) => c.endpoint === 'jscode2session')!;
      expect(call.query).toMatchObject({ appid: t.wechat.appId, secret: t.wechat.secret, grant_type: 'authorization_code' });
    });

    it.each([
      ['an invalid code (40029)', () => 'never-issued-code', /invalid or expired/],
      [
        'a code already used (40163)',
        () => {
          const { code } = t.wechat.issueLoginCode();
          t.wechat.failNext('jscode2session', { errcode: 40163 });
          return code;
        },
        /already used/,
      ],
      ['a code WeChat blocks as high-risk (40226)', () => t.wechat.issueBlockedLoginCode(), /blocked/],
    ])('refuses %s with 401 and creates nobody', async (_, code, message) => {
      const before = await shopperCount();
      const res = await login(code()).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED', message: expect.stringMatching(message) });
      expect(await shopperCount()).toBe(before);
    });

    it('refuses a code used twice: the second exchange is 401', async () => {
      const { code } = t.wechat.issueLoginCode();
      await login(code).expect(200);
      const res = await login(code).expect(401);
      expect(res.body.details).toEqual({ wechatErrcode: 40163 });
    });

    it.each([
      ['a WeChat system error (-1)', { errcode: -1 }],
      ['a dropped connection', 'network' as const],
      ['an HTTP 500', 'http-500' as const],
      ['an answer that is not JSON', 'bad-json' as const],
    ])('answers %s with 502 UPSTREAM_ERROR and changes nothing', async (_, failure) => {
      const before = await shopperCount();
      const { code } = t.wechat.issueLoginCode();
      t.wechat.failNext('jscode2session', failure);
      const res = await login(code).expect(502);
      expect(res.body.code).toBe('UPSTREAM_ERROR');
      expect(await shopperCount()).toBe(before);
    });

    it("passes WeChat's rate limit (45011) on as 429", async () => {
      const { code } = t.wechat.issueLoginCode();
      t.wechat.failNext('jscode2session', { errcode: 45011 });
      expect((await login(code).expect(429)).body.code).toBe('RATE_LIMITED');
    });

    it('refuses a malformed body with 400 and never calls WeChat', async () => {
      t.wechat.resetCalls();
      const res = await anonymous(t).post('/api/v1/app/auth/wechat-login', { code: '', extra: 1 }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(t.wechat.count('jscode2session')).toBe(0);
    });

    it('creates one shopper when the same new user logs in twice at once', async () => {
      const openid = `o-concurrent-${Date.now()}`;
      const codes = [t.wechat.issueLoginCode({ openid }).code, t.wechat.issueLoginCode({ openid }).code, t.wechat.issueLoginCode({ openid }).code];
      const results = await Promise.all(codes.map((code) => login(code)));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(new Set(results.map((r) => r.body.user.id)).size).toBe(1);
      expect(await t.dataSource.getRepository(ShopperEntity).countBy({ openid })).toBe(1);
    });
  });

  describe('invites', () => {
    it('records a valid invite code at the first login as the inviter and announces it', async () => {
      const inviter = await asShopper(t);
      const invitee = await asShopper(t, { inviteCode: inviter.user.inviteCode.toLowerCase() });
      const row = await t.dataSource.getRepository(ShopperEntity).findOneByOrFail({ id: invitee.id });
      expect(row.inviterId).toBe(inviter.id);
      expect(invited).toContainEqual(expect.objectContaining({ shopperId: invitee.id, inviterId: inviter.id, inviteCode: inviter.user.inviteCode }));
      expect(registered).toContainEqual(expect.objectContaining({ shopperId: invitee.id, inviterId: inviter.id }));
    });

    it('ignores an unknown or malformed invite code, never failing the login', async () => {
      for (const inviteCode of ['ZZZZZZZZZZ', 'nonsense!', '']) {
        const shopper = await asShopper(t, { inviteCode });
        const row = await t.dataSource.getRepository(ShopperEntity).findOneByOrFail({ id: shopper.id });
        expect(row.inviterId).toBeNull();
        expect(invited.some((e) => e.shopperId === shopper.id)).toBe(false);
      }
    });

    it('ignores an invite code at a later login', async () => {
      const inviter = await asShopper(t);
      const shopper = await asShopper(t);
      await asShopper(t, { openid: shopper.openid, inviteCode: inviter.user.inviteCode });
      const row = await t.dataSource.getRepository(ShopperEntity).findOneByOrFail({ id: shopper.id });
      expect(row.inviterId).toBeNull();
      expect(invited.some((e) => e.shopperId === shopper.id)).toBe(false);
    });

    it('gives every shopper a different invite code', async () => {
      const shoppers = await Promise.all(Array.from({ length: 8 }, () => asShopper(t)));
      expect(new Set(shoppers.map((s) => s.user.inviteCode)).size).toBe(8);
    });
  });

  describe('tokens', () => {
    const refresh = (refreshToken: string) => anonymous(t).post('/api/v1/app/auth/refresh', { refreshToken });

    it('rotates the refresh token on every use', async () => {
      const shopper = await asShopper(t);
      const first = await refresh(shopper.refreshToken).expect(200);
      expect(first.body.user.id).toBe(shopper.id);
      expect(first.body.refreshToken).not.toBe(shopper.refreshToken);
      const second = await refresh(first.body.refreshToken).expect(200);
      await withToken(t, second.body.accessToken).get('/api/v1/app/me').expect(200);
    });

    it('treats a used refresh token as stolen: 401, and the whole family stops working', async () => {
      const shopper = await asShopper(t);
      const rotated = await refresh(shopper.refreshToken).expect(200);
      const reuse = await refresh(shopper.refreshToken).expect(401);
      expect(reuse.body.message).toMatch(/already used/);
      await refresh(rotated.body.refreshToken).expect(401);
      const family = await t.dataSource.getRepository(RefreshTokenEntity).findBy({ audience: 'shopper', subjectId: shopper.id });
      expect(family.every((r) => r.status !== 'ACTIVE')).toBe(true);
    });

    it('lets only one of two concurrent refreshes of the same token succeed', async () => {
      const shopper = await asShopper(t);
      const results = await Promise.all([refresh(shopper.refreshToken), refresh(shopper.refreshToken), refresh(shopper.refreshToken)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
    });

    it('refuses an unknown, expired or malformed refresh token', async () => {
      await refresh('x'.repeat(43)).expect(401);
      await refresh('short').expect(400);
      const shopper = await asShopper(t);
      await t.dataSource.getRepository(RefreshTokenEntity).update({ audience: 'shopper', subjectId: shopper.id }, { expiresAt: new Date(Date.now() - 1000) });
      expect((await refresh(shopper.refreshToken).expect(401)).body.message).toMatch(/expired/);
    });

    it('refuses a shopper refresh token at the staff refresh route', async () => {
      const shopper = await asShopper(t);
      await anonymous(t).post('/api/v1/admin/auth/refresh', { refreshToken: shopper.refreshToken }).expect(401);
      await refresh(shopper.refreshToken).expect(200);
    });

    it('revokes the refresh token on logout, and only for its owner', async () => {
      const shopper = await asShopper(t);
      const other = await asShopper(t);
      await other.post('/api/v1/app/auth/logout', { refreshToken: shopper.refreshToken }).expect(204);
      const rotated = await refresh(shopper.refreshToken).expect(200);
      await withToken(t, rotated.body.accessToken).post('/api/v1/app/auth/logout', { refreshToken: rotated.body.refreshToken }).expect(204);
      await refresh(rotated.body.refreshToken).expect(401);
      await anonymous(t).post('/api/v1/app/auth/logout', { refreshToken: rotated.body.refreshToken }).expect(401);
    });

    it('refuses shopper tokens on staff routes and staff tokens on shopper routes', async () => {
      const shopper = await asShopper(t);
      const admin = await asSuperAdmin(t);
      expect((await shopper.get('/api/v1/admin/me').expect(401)).body.code).toBe('UNAUTHORIZED');
      await shopper.get('/api/v1/admin/roles').expect(401);
      await admin.get('/api/v1/app/me').expect(401);
      await admin.get('/api/v1/app/addresses').expect(401);
    });

    it('stops a blocked shopper at once, access and refresh tokens alike', async () => {
      const shopper = await asShopper(t);
      await t.app.get(ShopperService).setStatus(shopper.id, 'BLOCKED');
      await shopper.get('/api/v1/app/me').expect(401);
      await refresh(shopper.refreshToken).expect(401);
      await anonymous(t)
        .post('/api/v1/app/auth/wechat-login', { code: t.wechat.issueLoginCode({ openid: shopper.openid }).code })
        .expect(401);
      expect(await t.dataSource.getRepository(RefreshTokenEntity).countBy({ audience: 'shopper', subjectId: shopper.id, status: 'ACTIVE' })).toBe(0);
    });
  });

  describe('profile and phone number', () => {
    let shopper: ShopperClient;
    beforeAll(async () => {
      shopper = await asShopper(t);
    });

    it('changes the nickname and avatar', async () => {
      const res = await shopper.patch('/api/v1/app/me', { nickname: ' 小王 ', avatarUrl: 'https://thirdwx.qlogo.cn/mmopen/a/132' }).expect(200);
      expect(res.body).toMatchObject({ id: shopper.id, nickname: '小王', avatarUrl: 'https://thirdwx.qlogo.cn/mmopen/a/132' });
      expect((await shopper.get('/api/v1/app/me')).body.nickname).toBe('小王');
    });

    it('refuses a bad profile change and keeps the old values', async () => {
      for (const body of [{ nickname: '' }, { nickname: 'x'.repeat(33) }, { avatarUrl: 'javascript:alert(1)' }, { inviteCode: 'AAAAAAAAAA' }]) {
        expect((await shopper.patch('/api/v1/app/me', body).expect(400)).body.code).toBe('VALIDATION_FAILED');
      }
      expect((await shopper.get('/api/v1/app/me')).body).toMatchObject({ nickname: '小王', avatarUrl: 'https://thirdwx.qlogo.cn/mmopen/a/132' });
    });

    it('sets the phone number from a getPhoneNumber code, sending its openid', async () => {
      t.wechat.resetCalls();
      const code = t.wechat.issuePhoneCode('13912345678');
      const res = await shopper.post('/api/v1/app/me/phone', { code }).expect(200);
      expect(res.body.phone).toBe('13912345678');
      const call = t.wechat.calls.find((c) => c.endpoint === 'getuserphonenumber')!;
      expect(call.body).toEqual({ code, openid: shopper.openid });
    });

    it('keeps a number from outside mainland China with its country code', async () => {
      const res = await shopper.post('/api/v1/app/me/phone', { code: t.wechat.issuePhoneCode('91234567', '852') }).expect(200);
      expect(res.body.phone).toBe('+85291234567');
    });

    it('refuses a phone code WeChat rejects with 400 and keeps the number', async () => {
      const before = (await shopper.get('/api/v1/app/me')).body.phone;
      const res = await shopper.post('/api/v1/app/me/phone', { code: 'not-a-real-code' }).expect(400);
      expect(res.body.code).toBe('PHONE_CODE_INVALID');
      expect((await shopper.get('/api/v1/app/me')).body.phone).toBe(before);
    });

    it('fetches one access token for many concurrent phone requests and reuses it', async () => {
      const others = await Promise.all(Array.from({ length: 6 }, () => asShopper(t)));
      // Start from an empty cache.
      const provider = t.app.get(WechatAccessTokenProvider);
      await provider.invalidate(await provider.getToken());
      t.wechat.resetCalls();
      const results = await Promise.all(others.map((s, i) => s.post('/api/v1/app/me/phone', { code: t.wechat.issuePhoneCode(`1370000000${i}`) })));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(t.wechat.count('stable_token')).toBe(1);
      await others[0].post('/api/v1/app/me/phone', { code: t.wechat.issuePhoneCode('13700000009') }).expect(200);
      expect(t.wechat.count('stable_token')).toBe(1);
      expect(t.wechat.count('getuserphonenumber')).toBe(7);
    });

    it('gets a new access token when WeChat says the cached one expired (42001) and retries once', async () => {
      await shopper.post('/api/v1/app/me/phone', { code: t.wechat.issuePhoneCode('13600000000') }).expect(200);
      t.wechat.resetCalls();
      t.wechat.expireAccessTokens();
      const res = await shopper.post('/api/v1/app/me/phone', { code: t.wechat.issuePhoneCode('13600000001') }).expect(200);
      expect(res.body.phone).toBe('13600000001');
      expect(t.wechat.count('stable_token')).toBe(1);
      expect(t.wechat.count('getuserphonenumber')).toBe(2);
    });

    it('answers 502 when WeChat fails and changes nothing', async () => {
      const before = (await shopper.get('/api/v1/app/me')).body.phone;
      t.wechat.failNext('getuserphonenumber', { errcode: -1 });
      expect((await shopper.post('/api/v1/app/me/phone', { code: t.wechat.issuePhoneCode('13500000000') }).expect(502)).body.code).toBe('UPSTREAM_ERROR');
      t.wechat.failNext('getuserphonenumber', 'network');
      await shopper.post('/api/v1/app/me/phone', { code: t.wechat.issuePhoneCode('13500000001') }).expect(502);
      expect((await shopper.get('/api/v1/app/me')).body.phone).toBe(before);
    });
  });

  describe('WeChat access-token calls for other contexts', () => {
    const upload = {
      order_key: { order_number_type: 1, mchid: '1900000109', out_trade_no: 'ORDER20261125A1' },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [{ tracking_no: 'SF1234567890', express_company: 'SF', item_desc: 'Green tea x2', contact: { receiver_contact: '138****8000' } }],
      upload_time: '2026-11-25T10:00:00.000+08:00',
      payer: { openid: 'o-payer' },
    };

    it('posts the shipping information with the cached access token', async () => {
      const client = t.app.get(WechatMiniProgramClient);
      const answer = await client.postWithAccessToken('/wxa/sec/order/upload_shipping_info', upload);
      expect(answer).toEqual({ errcode: 0, errmsg: 'ok' });
      expect(t.wechat.shippingUploads.at(-1)).toEqual(upload);
      const call = t.wechat.calls.filter((c) => c.endpoint === 'upload_shipping_info').at(-1)!;
      expect(call.query.access_token).toBe(await client.accessToken());
    });

    it('hands WeChat errors back to the caller in the envelope', async () => {
      const answer = await t.app.get(WechatMiniProgramClient).postWithAccessToken('/wxa/sec/order/upload_shipping_info', { ...upload, logistics_type: 9 });
      expect(answer).toMatchObject({ errcode: 47001, errmsg: expect.stringMatching(/^data format error, rid: /) });
    });
  });

  describe('addresses', () => {
    it('creates, lists, changes and deletes addresses; the first is the default', async () => {
      const shopper = await asShopper(t);
      const first = await shopper.post('/api/v1/app/addresses', address).expect(201);
      expect(first.body).toMatchObject({ ...address, isDefault: true, latitude: null, longitude: null });
      const second = await shopper.post('/api/v1/app/addresses', { ...address, receiverName: '李四', latitude: 31.1956, longitude: 121.4375 }).expect(201);
      expect(second.body).toMatchObject({ isDefault: false, latitude: 31.1956, longitude: 121.4375 });
      const changed = await shopper.patch(`/api/v1/app/addresses/${second.body.id}`, { detail: '新地址 1 号', phone: '021-64381234' }).expect(200);
      expect(changed.body).toMatchObject({ detail: '新地址 1 号', phone: '021-64381234', receiverName: '李四' });
      expect((await shopper.get(`/api/v1/app/addresses/${second.body.id}`).expect(200)).body.detail).toBe('新地址 1 号');
      await shopper.delete(`/api/v1/app/addresses/${second.body.id}`).expect(204);
      const list = await shopper.get('/api/v1/app/addresses').expect(200);
      expect(list.body.map((a: { id: number }) => a.id)).toEqual([first.body.id]);
    });

    it('keeps at most one default, whichever way it is set', async () => {
      const shopper = await asShopper(t);
      const a = (await shopper.post('/api/v1/app/addresses', address).expect(201)).body;
      const b = (await shopper.post('/api/v1/app/addresses', { ...address, isDefault: true }).expect(201)).body;
      let list = (await shopper.get('/api/v1/app/addresses')).body as Array<{ id: number; isDefault: boolean }>;
      expect(list.filter((x) => x.isDefault).map((x) => x.id)).toEqual([b.id]);
      expect(list[0].id).toBe(b.id);
      await shopper.patch(`/api/v1/app/addresses/${a.id}`, { isDefault: true }).expect(200);
      list = (await shopper.get('/api/v1/app/addresses')).body;
      expect(list.filter((x) => x.isDefault).map((x) => x.id)).toEqual([a.id]);
      await Promise.all([
        shopper.post('/api/v1/app/addresses', { ...address, isDefault: true }),
        shopper.post('/api/v1/app/addresses', { ...address, isDefault: true }),
        shopper.patch(`/api/v1/app/addresses/${b.id}`, { isDefault: true }),
      ]);
      list = (await shopper.get('/api/v1/app/addresses')).body;
      expect(list.filter((x) => x.isDefault)).toHaveLength(1);
    });

    it('makes another address the default when the default is deleted', async () => {
      const shopper = await asShopper(t);
      const a = (await shopper.post('/api/v1/app/addresses', address).expect(201)).body;
      const b = (await shopper.post('/api/v1/app/addresses', address).expect(201)).body;
      await shopper.delete(`/api/v1/app/addresses/${a.id}`).expect(204);
      expect((await shopper.get(`/api/v1/app/addresses/${b.id}`)).body.isDefault).toBe(true);
    });

    it('refuses the 21st address with 409 ADDRESS_LIMIT_REACHED, even under concurrency', async () => {
      const shopper = await asShopper(t);
      const results = await Promise.all(Array.from({ length: 23 }, () => shopper.post('/api/v1/app/addresses', address)));
      expect(results.filter((r) => r.status === 201)).toHaveLength(20);
      const refused = results.filter((r) => r.status !== 201);
      expect(refused.map((r) => r.body.code)).toEqual(['ADDRESS_LIMIT_REACHED', 'ADDRESS_LIMIT_REACHED', 'ADDRESS_LIMIT_REACHED']);
      expect(await t.dataSource.getRepository(ShopperAddressEntity).countBy({ shopperId: shopper.id })).toBe(20);
    });

    it.each([
      ['a bad mobile number', { phone: '1380013800' }, 'phone'],
      ['letters in the phone', { phone: '1380013800a' }, 'phone'],
      ['an empty province', { province: '  ' }, 'province'],
      ['a city too long', { city: '市'.repeat(33) }, 'city'],
      ['a missing district', { district: undefined }, 'district'],
      ['a latitude without longitude', { latitude: 31.2 }, 'longitude'],
      ['a latitude out of range', { latitude: 91, longitude: 121 }, 'latitude'],
      ['control characters', { detail: 'a\u0000b' }, 'detail'],
      ['an unknown field', { shopperId: 1 }, 'shopperId'],
    ])('refuses %s with 400 and stores nothing', async (_, change, field) => {
      const shopper = await asShopper(t);
      const res = await shopper.post('/api/v1/app/addresses', { ...address, ...change }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect((await shopper.get('/api/v1/app/addresses')).body).toEqual([]);
    });

    it('refuses a change that would null a field or split the coordinates, keeping the address', async () => {
      const shopper = await asShopper(t);
      const a = (await shopper.post('/api/v1/app/addresses', { ...address, latitude: 31, longitude: 121 }).expect(201)).body;
      await shopper.patch(`/api/v1/app/addresses/${a.id}`, { receiverName: null }).expect(400);
      const plain = (await shopper.post('/api/v1/app/addresses', address).expect(201)).body;
      const split = await shopper.patch(`/api/v1/app/addresses/${plain.id}`, { latitude: 30 }).expect(400);
      expect(split.body.details).toEqual([{ field: 'longitude', message: expect.any(String) }]);
      expect((await shopper.get(`/api/v1/app/addresses/${a.id}`)).body).toMatchObject({ receiverName: address.receiverName, latitude: 31, longitude: 121 });
      expect((await shopper.get(`/api/v1/app/addresses/${plain.id}`)).body.latitude).toBeNull();
    });

    it("answers 404 for another shopper's address, whatever the method, and leaves it alone", async () => {
      const owner = await asShopper(t);
      const other = await asShopper(t);
      const a = (await owner.post('/api/v1/app/addresses', address).expect(201)).body;
      for (const res of [
        await other.get(`/api/v1/app/addresses/${a.id}`),
        await other.patch(`/api/v1/app/addresses/${a.id}`, { detail: 'hijacked' }),
        await other.delete(`/api/v1/app/addresses/${a.id}`),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      expect((await other.get('/api/v1/app/addresses')).body).toEqual([]);
      expect((await owner.get(`/api/v1/app/addresses/${a.id}`).expect(200)).body.detail).toBe(address.detail);
    });

    it('requires a shopper token', async () => {
      await anonymous(t).get('/api/v1/app/addresses').expect(401);
      await anonymous(t).post('/api/v1/app/addresses', address).expect(401);
    });
  });
});
