import { DataSource } from 'typeorm';
import { StoreService } from '../../src/modules/store';
import { createTestApp, TestApp } from '../support/app-factory';
import { anonymous, ApiClient, asAdmin } from '../support/clients';

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));

function storeBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '静安寺店',
    address: '上海市静安区南京西路 1686 号',
    latitude: 31.2235,
    longitude: 121.4452,
    phone: '021-62481234',
    businessHours: ALL_WEEK,
    deliveryRadiusMeters: 3000,
    serviceModes: ['PICKUP', 'LOCAL_DELIVERY', 'EXPRESS'],
    ...overrides,
  };
}

describe('stores', () => {
  let t: TestApp;
  let admin: ApiClient;
  let reader: ApiClient;

  const storeCount = () => t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM store').then((r: Array<{ n: number | string }>) => Number(r[0].n));

  beforeAll(async () => {
    t = await createTestApp();
    admin = await asAdmin(t, ['store:read', 'store:write']);
    reader = await asAdmin(t, ['store:read']);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('staff management', () => {
    it('creates a store with hours, radius, fee, service modes and the default time zone', async () => {
      const res = await admin.post('/api/v1/admin/stores', storeBody({ localDeliveryFee: 500 })).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(Number),
        name: '静安寺店',
        latitude: 31.2235,
        longitude: 121.4452,
        businessHours: ALL_WEEK,
        deliveryRadiusMeters: 3000,
        localDeliveryFee: 500,
        serviceModes: ['PICKUP', 'LOCAL_DELIVERY', 'EXPRESS'],
        status: 'OPEN',
        timeZone: 'Asia/Shanghai',
        isOpen: true,
      });
      const fetched = await reader.get(`/api/v1/admin/stores/${res.body.id}`).expect(200);
      expect(fetched.body).toEqual(res.body);
    });

    it('accepts several ranges a day and a range that crosses midnight', async () => {
      const hours = [
        { weekday: 5, open: '10:00', close: '14:00' },
        { weekday: 5, open: '17:00', close: '02:00' },
      ];
      const res = await admin.post('/api/v1/admin/stores', storeBody({ businessHours: hours, timeZone: 'Europe/Berlin' })).expect(201);
      expect(res.body.businessHours).toEqual(hours);
      expect(res.body.timeZone).toBe('Europe/Berlin');
    });

    it.each([
      ['a range that opens and closes at the same minute', { businessHours: [{ weekday: 1, open: '09:00', close: '09:00' }] }, 'businessHours.0'],
      ['weekday 8', { businessHours: [{ weekday: 8, open: '09:00', close: '18:00' }] }, 'businessHours.0.weekday'],
      ['a malformed time', { businessHours: [{ weekday: 1, open: '9am', close: '18:00' }] }, 'businessHours.0.open'],
      ['an unknown time zone', { timeZone: 'Moon/Base' }, 'timeZone'],
      ['an unknown service mode', { serviceModes: ['TELEPORT'] }, 'serviceModes'],
      ['a latitude out of range', { latitude: 91 }, 'latitude'],
      ['a negative radius', { deliveryRadiusMeters: -1 }, 'deliveryRadiusMeters'],
      ['a negative delivery fee', { localDeliveryFee: -100 }, 'localDeliveryFee'],
    ])('refuses %s with 400 and writes nothing', async (_name, override, field) => {
      const before = await storeCount();
      const res = await admin.post('/api/v1/admin/stores', storeBody(override)).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await storeCount()).toBe(before);
    });

    it('refuses a body without the required fields', async () => {
      const res = await admin.post('/api/v1/admin/stores', { name: 'x' }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['address', 'latitude', 'businessHours', 'serviceModes']));
    });

    it('closes a store temporarily and reopens it', async () => {
      const { body: store } = await admin.post('/api/v1/admin/stores', storeBody()).expect(201);
      const closed = await admin.patch(`/api/v1/admin/stores/${store.id}`, { status: 'CLOSED' }).expect(200);
      expect(closed.body).toMatchObject({ status: 'CLOSED', isOpen: false, name: store.name });
      const reopened = await admin.patch(`/api/v1/admin/stores/${store.id}`, { status: 'OPEN', deliveryRadiusMeters: 5000 }).expect(200);
      expect(reopened.body).toMatchObject({ status: 'OPEN', isOpen: true, deliveryRadiusMeters: 5000 });
    });

    it('refuses a PATCH that nulls a required field, and bad hours, leaving the store as it was', async () => {
      const { body: store } = await admin.post('/api/v1/admin/stores', storeBody()).expect(201);
      await admin.patch(`/api/v1/admin/stores/${store.id}`, { name: null }).expect(400);
      await admin.patch(`/api/v1/admin/stores/${store.id}`, { businessHours: [{ weekday: 2, open: '08:00', close: '08:00' }] }).expect(400);
      const after = await reader.get(`/api/v1/admin/stores/${store.id}`).expect(200);
      expect(after.body).toMatchObject({ name: store.name, businessHours: ALL_WEEK });
    });

    it('lists stores page by page and filters by status', async () => {
      const all = await reader.get('/api/v1/admin/stores?page=1&pageSize=2').expect(200);
      expect(all.body.items).toHaveLength(2);
      expect(all.body.total).toBeGreaterThanOrEqual(3);
      const { body: closed } = await admin.post('/api/v1/admin/stores', storeBody({ status: 'CLOSED', name: 'Closed one' })).expect(201);
      const onlyClosed = await reader.get('/api/v1/admin/stores?status=CLOSED&pageSize=100').expect(200);
      expect(onlyClosed.body.items.map((s: { id: number }) => s.id)).toContain(closed.id);
      expect(onlyClosed.body.items.every((s: { status: string }) => s.status === 'CLOSED')).toBe(true);
    });

    it('deletes a store softly: gone from staff and shopper lists, 404 after', async () => {
      const { body: store } = await admin.post('/api/v1/admin/stores', storeBody({ name: 'To delete' })).expect(201);
      await admin.delete(`/api/v1/admin/stores/${store.id}`).expect(204);
      await reader.get(`/api/v1/admin/stores/${store.id}`).expect(404);
      await admin.patch(`/api/v1/admin/stores/${store.id}`, { name: 'back' }).expect(404);
      await admin.delete(`/api/v1/admin/stores/${store.id}`).expect(404);
      const list = await anonymous(t).get('/api/v1/app/stores').expect(200);
      expect(list.body.map((s: { id: number }) => s.id)).not.toContain(store.id);
    });

    it('needs store:write to change and store:read to look', async () => {
      await reader.post('/api/v1/admin/stores', storeBody()).expect(403);
      const nobody = await asAdmin(t, ['product:read']);
      await nobody.get('/api/v1/admin/stores').expect(403);
      await anonymous(t).get('/api/v1/admin/stores').expect(401);
    });
  });

  describe('store scope', () => {
    it('shows a scoped account only its stores and answers 404 for the others', async () => {
      const { body: mine } = await admin.post('/api/v1/admin/stores', storeBody({ name: 'Mine' })).expect(201);
      const { body: theirs } = await admin.post('/api/v1/admin/stores', storeBody({ name: 'Theirs' })).expect(201);
      const scoped = await asAdmin(t, ['store:read', 'store:write'], { storeIds: [mine.id] });

      const list = await scoped.get('/api/v1/admin/stores?pageSize=100').expect(200);
      expect(list.body.items.map((s: { id: number }) => s.id)).toEqual([mine.id]);
      expect(list.body.total).toBe(1);

      await scoped.get(`/api/v1/admin/stores/${mine.id}`).expect(200);
      await scoped.get(`/api/v1/admin/stores/${theirs.id}`).expect(404);
      await scoped.patch(`/api/v1/admin/stores/${theirs.id}`, { name: 'Taken over' }).expect(404);
      await scoped.delete(`/api/v1/admin/stores/${theirs.id}`).expect(404);
      await scoped.patch(`/api/v1/admin/stores/${mine.id}`, { phone: '021-00000000' }).expect(200);
      const untouched = await reader.get(`/api/v1/admin/stores/${theirs.id}`).expect(200);
      expect(untouched.body.name).toBe('Theirs');
    });

    it('does not let a scoped account create stores', async () => {
      const scoped = await asAdmin(t, ['store:write'], { storeIds: [1] });
      const before = await storeCount();
      const res = await scoped.post('/api/v1/admin/stores', storeBody()).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(await storeCount()).toBe(before);
    });
  });
});

describe('stores for shoppers and for ordering', () => {
  let t: TestApp;
  let admin: ApiClient;
  let stores: StoreService;
  const ids: Record<string, number> = {};

  // People's Square, Shanghai; the nearest store is about 1.2 km away, the farthest about 11 km.
  const shopper = { latitude: 31.2304, longitude: 121.4737 };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await asAdmin(t, ['store:read', 'store:write']);
    stores = t.app.get(StoreService);
    const create = async (key: string, body: Record<string, unknown>) => {
      ids[key] = (await admin.post('/api/v1/admin/stores', storeBody({ name: key, ...body })).expect(201)).body.id;
    };
    await create('far', { latitude: 31.1304, longitude: 121.4737, deliveryRadiusMeters: 20000 });
    await create('near', { latitude: 31.2250, longitude: 121.4630, deliveryRadiusMeters: 1000, localDeliveryFee: 600 });
    await create('closed', { latitude: 31.2000, longitude: 121.4500, status: 'CLOSED' });
    await create('nohours', { latitude: 31.2600, longitude: 121.5200, businessHours: [] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists open and closed stores nearest first with great-circle distances, without a token', async () => {
    const res = await anonymous(t).get(`/api/v1/app/stores?latitude=${shopper.latitude}&longitude=${shopper.longitude}`).expect(200);
    expect(res.body.map((s: { name: string }) => s.name)).toEqual(['near', 'closed', 'nohours', 'far']);
    const distances = res.body.map((s: { distanceMeters: number }) => s.distanceMeters);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(res.body[0]).toMatchObject({ id: ids.near, isOpen: true, serviceModes: ['PICKUP', 'LOCAL_DELIVERY', 'EXPRESS'], localDeliveryFee: 600 });
    expect(res.body[0].distanceMeters).toBeGreaterThan(1000);
    expect(res.body[0].distanceMeters).toBeLessThan(1500);
    expect(res.body[3].distanceMeters).toBeGreaterThan(11000);
    expect(res.body[3].distanceMeters).toBeLessThan(11200);
    const open = Object.fromEntries(res.body.map((s: { name: string; isOpen: boolean }) => [s.name, s.isOpen]));
    expect(open).toEqual({ near: true, far: true, closed: false, nohours: false });
  });

  it('lists stores without distances when no location is given', async () => {
    const res = await anonymous(t).get('/api/v1/app/stores').expect(200);
    expect(res.body.length).toBeGreaterThanOrEqual(4);
    expect(res.body.every((s: { distanceMeters: null }) => s.distanceMeters === null)).toBe(true);
  });

  it('refuses half a location or coordinates out of range', async () => {
    await anonymous(t).get('/api/v1/app/stores?latitude=31.2').expect(400);
    await anonymous(t).get('/api/v1/app/stores?latitude=95&longitude=121').expect(400);
    await anonymous(t).get('/api/v1/app/stores?latitude=abc&longitude=121').expect(400);
  });

  it('computes isOpen in the store time zone', async () => {
    // Open for two hours from the current UTC hour, read in UTC and in Shanghai (8 hours later).
    const now = new Date();
    const weekday = ((now.getUTCDay() + 6) % 7) + 1;
    const pad = (h: number) => String(h % 24).padStart(2, '0') + ':00';
    const hours = [{ weekday, open: pad(now.getUTCHours()), close: pad(now.getUTCHours() + 2) }];
    const utc = (await admin.post('/api/v1/admin/stores', storeBody({ name: 'tz-utc', businessHours: hours, timeZone: 'UTC', latitude: 0, longitude: 0 })).expect(201)).body;
    const sh = (await admin.post('/api/v1/admin/stores', storeBody({ name: 'tz-sh', businessHours: hours, latitude: 0, longitude: 0 })).expect(201)).body;
    expect(utc.isOpen).toBe(true);
    expect(sh.isOpen).toBe(false);
    const list = await anonymous(t).get('/api/v1/app/stores').expect(200);
    const byName = Object.fromEntries(list.body.map((s: { name: string; isOpen: boolean }) => [s.name, s.isOpen]));
    expect(byName['tz-utc']).toBe(true);
    expect(byName['tz-sh']).toBe(false);
  });

  describe('checkOrderable', () => {
    it('accepts a local delivery within the radius and reports the distance', async () => {
      const result = await stores.checkOrderable(ids.near, 'LOCAL_DELIVERY', { latitude: 31.2260, longitude: 121.4650 });
      expect(result.store).toMatchObject({ id: ids.near, localDeliveryFee: 600, latitude: 31.225, longitude: 121.463 });
      expect(result.distanceMeters).toBeGreaterThan(0);
      expect(result.distanceMeters).toBeLessThan(1000);
    });

    it('refuses a local delivery beyond the radius with OUT_OF_DELIVERY_RANGE', async () => {
      await expect(stores.checkOrderable(ids.near, 'LOCAL_DELIVERY', shopper)).rejects.toMatchObject({
        status: 409,
        code: 'OUT_OF_DELIVERY_RANGE',
        details: expect.objectContaining({ deliveryRadiusMeters: 1000 }),
      });
    });

    it('refuses a local delivery without a location', async () => {
      await expect(stores.checkOrderable(ids.near, 'LOCAL_DELIVERY')).rejects.toMatchObject({ status: 400, code: 'LOCATION_REQUIRED' });
    });

    it('refuses a delivery type the store does not offer', async () => {
      await expect(stores.checkOrderable(ids.near, 'DINE_IN')).rejects.toMatchObject({ status: 409, code: 'DELIVERY_TYPE_NOT_SUPPORTED' });
    });

    it('refuses any order at a temporarily closed store, courier orders included', async () => {
      await expect(stores.checkOrderable(ids.closed, 'PICKUP')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      await expect(stores.checkOrderable(ids.closed, 'EXPRESS')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    });

    it('refuses pickup outside the business hours at the given time, in the store time zone, but takes courier orders', async () => {
      const { body } = await admin
        .post('/api/v1/admin/stores', storeBody({ name: 'day shop', businessHours: [{ weekday: 1, open: '09:00', close: '21:00' }], serviceModes: ['PICKUP', 'EXPRESS'] }))
        .expect(201);
      // Monday 2025-01-06: 10:00 Shanghai = 02:00 UTC; 22:00 Shanghai = 14:00 UTC.
      await expect(stores.checkOrderable(body.id, 'PICKUP', null, new Date('2025-01-06T02:00:00Z'))).resolves.toMatchObject({ store: { id: body.id } });
      await expect(stores.checkOrderable(body.id, 'PICKUP', null, new Date('2025-01-06T14:00:00Z'))).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      await expect(stores.checkOrderable(body.id, 'EXPRESS', null, new Date('2025-01-06T14:00:00Z'))).resolves.toMatchObject({ distanceMeters: null });
    });

    it('answers NotFound for an unknown or deleted store', async () => {
      await expect(stores.checkOrderable(999999, 'PICKUP')).rejects.toMatchObject({ status: 404 });
      const { body } = await admin.post('/api/v1/admin/stores', storeBody({ name: 'gone' })).expect(201);
      await admin.delete(`/api/v1/admin/stores/${body.id}`).expect(204);
      await expect(stores.checkOrderable(body.id, 'PICKUP')).rejects.toMatchObject({ status: 404 });
      await expect(stores.getStore(body.id)).rejects.toMatchObject({ status: 404 });
    });

    it('gives other modules a store with its fee, coordinates and hours', async () => {
      await expect(stores.getStore(ids.near)).resolves.toMatchObject({
        id: ids.near,
        name: 'near',
        localDeliveryFee: 600,
        latitude: 31.225,
        longitude: 121.463,
        timeZone: 'Asia/Shanghai',
        businessHours: ALL_WEEK,
      });
    });
  });
});
