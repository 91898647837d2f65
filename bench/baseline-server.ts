/**
 * The stack's ceiling for `npm run bench`: a plain node:http server with a mysql2 pool (same size
 * as the app's) and ioredis, answering the benchmarked routes with the same SQL statements the app
 * issues (captured from TypeORM's query log), the same transactions and writes, the same token and
 * signature checks. No framework, no ORM, no validation library, no logging: everything the app
 * adds on top is what the ratio measures. Reads the app's environment variables.
 */
import { createDecipheriv, createHmac, createPublicKey, randomBytes, timingSafeEqual, verify } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import Redis from 'ioredis';
import { createPool, Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';

const env = process.env;
const pool: Pool = createPool({ uri: env.DATABASE_URL!, connectionLimit: Number(env.DATABASE_POOL_SIZE ?? 10), timezone: 'Z', supportBigNumbers: true, bigNumberStrings: false, charset: 'utf8mb4_unicode_ci' });
const redis = new Redis(env.REDIS_URL!, { keyPrefix: `${env.REDIS_KEY_PREFIX}:baseline:` });
const jwtSecret = env.JWT_SECRET!;
const payKey = createPublicKey(env.WECHATPAY_PUBLIC_KEY!.replace(/\\n/g, '\n'));
const payKeyId = env.WECHATPAY_PUBLIC_KEY_ID!;
const apiV3Key = Buffer.from(env.WECHATPAY_APIV3_KEY!);

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

type Rows = RowDataPacket[];

// ------------------------------------------------------------------ auth (as the app's guard)

const shopperCache = new Map<number, { active: boolean; at: number }>();

async function shopperOf(req: IncomingMessage): Promise<number> {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : '';
  const [head, body, sig] = token.split('.');
  if (!sig) throw new HttpError(401, 'UNAUTHORIZED');
  const expected = createHmac('sha256', jwtSecret).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new HttpError(401, 'UNAUTHORIZED');
  const h = JSON.parse(Buffer.from(head, 'base64url').toString());
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
  if (h.alg !== 'HS256' || claims.aud !== 'shopper' || claims.iss !== 'wxshop' || claims.typ !== 'access' || claims.exp * 1000 < Date.now()) throw new HttpError(401, 'UNAUTHORIZED');
  const id = Number(claims.sub);
  let entry = shopperCache.get(id);
  if (!entry || Date.now() - entry.at > 5000) {
    const [rows] = await pool.query<Rows>('SELECT `id`, `status` FROM `shopper` WHERE `id` = ? LIMIT 1', [id]);
    entry = { active: rows[0]?.status === 'ACTIVE', at: Date.now() };
    shopperCache.set(id, entry);
  }
  if (!entry.active) throw new HttpError(401, 'UNAUTHORIZED');
  return id;
}

async function inTx<T>(work: (c: PoolConnection) => Promise<T>): Promise<T> {
  const c = await pool.getConnection();
  try {
    await c.query('START TRANSACTION');
    const result = await work(c);
    await c.query('COMMIT');
    return result;
  } catch (error) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    c.release();
  }
}

// ------------------------------------------------------------------ catalog

function int(v: string | null, min: number, max: number, fallback?: number): number {
  if (v === null) {
    if (fallback === undefined) throw new HttpError(400, 'VALIDATION_FAILED');
    return fallback;
  }
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new HttpError(400, 'VALIDATION_FAILED');
  return n;
}

async function listProducts(url: URL): Promise<unknown> {
  const page = int(url.searchParams.get('page'), 1, 10_000, 1);
  const pageSize = int(url.searchParams.get('pageSize'), 1, 100, 20);
  const categoryParam = url.searchParams.get('categoryId');
  let where = '`p`.`status` = ?';
  const params: unknown[] = ['ON_SALE'];
  if (categoryParam !== null) {
    const categoryId = int(categoryParam, 1, 2_147_483_647);
    const [cats] = await pool.query<Rows>('SELECT `id`, `parent_id` FROM `category`');
    const ids = [categoryId];
    for (let i = 0; i < ids.length; i += 1) for (const c of cats) if (c.parent_id === ids[i]) ids.push(c.id);
    if (!cats.some((c) => c.id === categoryId)) return { items: [], total: 0, page, pageSize };
    where += ids.length === 1 ? ' AND `p`.`category_id` = ?' : ' AND `p`.`category_id` IN (?)';
    params.push(ids.length === 1 ? ids[0] : ids);
  }
  const [[rows], [count]] = await Promise.all([
    pool.query<Rows>(`SELECT \`p\`.\`id\` AS \`id\`, \`p\`.\`name\` AS \`name\`, \`p\`.\`main_image\` AS \`mainImage\`, \`p\`.\`min_price\` AS \`minPrice\`, \`p\`.\`sales\` AS \`sales\` FROM \`product\` \`p\` WHERE ${where} ORDER BY \`p\`.\`id\` DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params),
    pool.query<Rows>(`SELECT COUNT(*) AS \`total\` FROM \`product\` \`p\` WHERE ${where}`, params),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, mainImage: r.mainImage, minPrice: Number(r.minPrice), sales: Number(r.sales) })),
    total: Number(count[0].total),
    page,
    pageSize,
  };
}

async function productDetail(id: number): Promise<unknown> {
  const raw = await redis.get(`product:${id}`);
  let detail = raw ? JSON.parse(raw) : null;
  if (!detail) {
    const [products] = await pool.query<Rows>('SELECT * FROM `product` WHERE `id` = ? AND `deleted_at` IS NULL LIMIT 1', [id]);
    const p = products[0];
    if (!p) throw new HttpError(404, 'NOT_FOUND');
    const [skus] = await pool.query<Rows>('SELECT * FROM `sku` WHERE `product_id` = ? AND `deleted_at` IS NULL ORDER BY `position` ASC, `id` ASC', [id]);
    detail = {
      id: p.id,
      name: p.name,
      description: p.description,
      images: JSON.parse(p.images),
      videos: JSON.parse(p.videos),
      mainImage: p.main_image,
      categoryId: p.category_id,
      specs: JSON.parse(p.specs),
      minPrice: Number(p.min_price),
      maxPrice: Number(p.max_price),
      sales: p.sales,
      status: p.status,
      skus: skus.map((s) => ({ id: s.id, specValues: JSON.parse(s.spec_values), price: Number(s.price), marketPrice: s.market_price === null ? null : Number(s.market_price), image: s.image })),
    };
    await redis.set(`product:${id}`, JSON.stringify(detail), 'EX', 60);
  }
  if (detail.status !== 'ON_SALE') throw new HttpError(404, 'NOT_FOUND');
  const skuIds = detail.skus.map((s: { id: number }) => s.id);
  const [stock] = await pool.query<Rows>('SELECT `sku_id`, `stock`, `low_stock_threshold` FROM `sku_stock` WHERE `sku_id` IN (?)', [skuIds]);
  const byId = new Map(stock.map((r) => [r.sku_id, r.stock]));
  const { status: _status, skus, ...rest } = detail;
  void _status;
  return { ...rest, skus: skus.map((s: { id: number }) => ({ ...s, stock: byId.get(s.id) ?? 0 })) };
}

const SKU_SQL =
  'SELECT `s`.`id` AS `skuId`, `s`.`product_id` AS `productId`, `s`.`spec_values` AS `specValues`, `s`.`price` AS `price`, `s`.`market_price` AS `marketPrice`, `s`.`image` AS `skuImage`, `s`.`weight` AS `weight`, `s`.`sku_code` AS `skuCode`, `s`.`deleted_at` AS `skuDeletedAt`, `p`.`name` AS `productName`, `p`.`main_image` AS `mainImage`, `p`.`category_id` AS `categoryId`, `p`.`status` AS `productStatus`, `p`.`deleted_at` AS `productDeletedAt` FROM `sku` `s` INNER JOIN `product` `p` ON `p`.`id` = `s`.`product_id` WHERE `s`.`id` IN (?)';

async function checkoutSku(c: Pool | PoolConnection, skuId: number) {
  const [rows] = await c.query<Rows>(SKU_SQL, [[skuId]]);
  const [stock] = await c.query<Rows>('SELECT `sku_id`, `stock`, `low_stock_threshold` FROM `sku_stock` WHERE `sku_id` IN (?)', [[skuId]]);
  const r = rows[0];
  if (!r) throw new HttpError(404, 'NOT_FOUND');
  const specValues = JSON.parse(r.specValues) as Record<string, string>;
  return {
    skuId: r.skuId,
    productId: r.productId,
    categoryId: r.categoryId,
    name: r.productName as string,
    specValues,
    specText: Object.values(specValues).join(' / '),
    image: (r.skuImage ?? r.mainImage) as string | null,
    price: Number(r.price),
    stock: Number(stock[0]?.stock ?? 0),
    purchasable: r.productStatus === 'ON_SALE' && r.productDeletedAt === null && r.skuDeletedAt === null,
  };
}

// ------------------------------------------------------------------ cart and orders

async function cartAdd(shopperId: number, body: { skuId?: unknown; quantity?: unknown }): Promise<unknown> {
  if (!Number.isInteger(body.skuId) || !Number.isInteger(body.quantity) || (body.quantity as number) < 1 || (body.quantity as number) > 999) throw new HttpError(400, 'VALIDATION_FAILED');
  const skuId = body.skuId as number;
  const quantity = body.quantity as number;
  return inTx(async (c) => {
    const sku = await checkoutSku(c, skuId);
    if (!sku.purchasable) throw new HttpError(409, 'PRODUCT_UNAVAILABLE');
    const [existing] = await c.query<Rows>('SELECT * FROM `cart_item` WHERE `shopper_id` = ? AND `sku_id` = ? LIMIT 1', [shopperId, skuId]);
    const total = (existing[0]?.quantity ?? 0) + quantity;
    if (total > 99) throw new HttpError(400, 'CART_QUANTITY_EXCEEDED');
    if (sku.stock < total) throw new HttpError(409, 'OUT_OF_STOCK');
    let id: number;
    if (existing[0]) {
      await c.query('UPDATE `cart_item` SET `quantity` = ?, `selected` = 1, `updated_at` = CURRENT_TIMESTAMP WHERE `id` = ?', [total, existing[0].id]);
      id = existing[0].id;
    } else {
      const [count] = await c.query<Rows>('SELECT COUNT(1) AS `cnt` FROM `cart_item` WHERE `shopper_id` = ?', [shopperId]);
      if (Number(count[0].cnt) >= 50) throw new HttpError(409, 'CART_FULL');
      const [ins] = await c.query<ResultSetHeader>('INSERT INTO `cart_item` (`shopper_id`, `sku_id`, `quantity`, `selected`) VALUES (?, ?, ?, 1)', [shopperId, skuId, quantity]);
      id = ins.insertId;
    }
    return { id, skuId, productId: sku.productId, name: sku.name, specValues: sku.specValues, specText: sku.specText, image: sku.image, price: sku.price, quantity: total, selected: true, stock: sku.stock, available: true, unavailableReason: null };
  });
}

function orderNo(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${String(now.getUTCFullYear()).slice(2)}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}${randomBytes(9).toString('base64url').slice(0, 12)}`;
}

async function placeOrder(shopperId: number, body: { items?: Array<{ skuId: number; quantity: number }>; deliveryType?: string; addressId?: number }): Promise<unknown> {
  if (!Array.isArray(body.items) || body.items.length !== 1 || body.deliveryType !== 'EXPRESS' || !Number.isInteger(body.addressId)) throw new HttpError(400, 'VALIDATION_FAILED');
  const { skuId, quantity } = body.items[0];
  if (!Number.isInteger(skuId) || !Number.isInteger(quantity) || quantity < 1 || quantity > 999) throw new HttpError(400, 'VALIDATION_FAILED');
  const now = new Date();
  const sku = await checkoutSku(pool, skuId);
  if (!sku.purchasable) throw new HttpError(409, 'PRODUCT_UNAVAILABLE');
  const [addresses] = await pool.query<Rows>('SELECT * FROM `shopper_address` WHERE `id` = ? AND `shopper_id` = ? LIMIT 1', [body.addressId, shopperId]);
  const a = addresses[0];
  if (!a) throw new HttpError(404, 'NOT_FOUND');
  const address = { receiverName: a.receiver_name, phone: a.phone, province: a.province, city: a.city, district: a.district, detail: a.detail, latitude: a.latitude === null ? null : Number(a.latitude), longitude: a.longitude === null ? null : Number(a.longitude) };
  const [settings] = await pool.query<Rows>('SELECT `key`, `value`, `version`, `updated_at` FROM `setting` WHERE `key` = ? LIMIT 1', ['order']);
  const payTimeoutMinutes = settings[0] ? (JSON.parse(settings[0].value).payTimeoutMinutes ?? 30) : 30;
  const amount = sku.price * quantity;
  const expiresAt = new Date(now.getTime() + payTimeoutMinutes * 60_000);
  const no = orderNo(now);
  const { order, items } = await inTx(async (c) => {
    const [ins] = await c.query<ResultSetHeader>(
      'INSERT INTO `shop_order` (`order_no`, `shopper_id`, `store_id`, `status`, `delivery_type`, `total_amount`, `discount_amount`, `coupon_amount`, `points_amount`, `freight_amount`, `pay_amount`, `coupon_id`, `points_used`, `address`, `pickup_code`, `remark`, `expires_at`) VALUES (?, ?, NULL, ?, ?, ?, 0, 0, 0, 0, ?, NULL, 0, ?, NULL, ?, ?)',
      [no, shopperId, 'PENDING_PAYMENT', 'EXPRESS', amount, amount, JSON.stringify(address), '', expiresAt],
    );
    const orderId = ins.insertId;
    await c.query(
      'INSERT INTO `order_item` (`order_id`, `sku_id`, `product_id`, `category_id`, `name`, `spec_values`, `image`, `price`, `quantity`, `total_amount`, `discount_amount`, `coupon_amount`, `points_amount`, `pay_amount`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)',
      [orderId, skuId, sku.productId, sku.categoryId, sku.name, JSON.stringify(sku.specValues), sku.image, sku.price, quantity, amount, amount],
    );
    const [dup] = await c.query<Rows>('SELECT `sku_id`, `id` FROM `stock_ledger` WHERE `ref_type` = ? AND `ref_id` = ? AND `reason` = ? AND `sku_id` IN (?) LIMIT 1', ['ORDER', String(orderId), 'ORDER_PLACED', [skuId]]);
    if (dup.length > 0) throw new HttpError(409, 'STOCK_ALREADY_RECORDED');
    const [upd] = await c.query<ResultSetHeader>('UPDATE `sku_stock` SET `stock` = `stock` - ?, `updated_at` = CURRENT_TIMESTAMP WHERE `sku_id` = ? AND `stock` >= ?', [quantity, skuId, quantity]);
    if (upd.affectedRows !== 1) throw new HttpError(409, 'OUT_OF_STOCK');
    const [after] = await c.query<Rows>('SELECT * FROM `sku_stock` WHERE `sku_id` IN (?)', [[skuId]]);
    await c.query('INSERT INTO `stock_ledger` (`sku_id`, `product_id`, `delta`, `stock_after`, `reason`, `ref_type`, `ref_id`) VALUES (?, ?, ?, ?, ?, ?, ?)', [skuId, sku.productId, -quantity, after[0].stock, 'ORDER_PLACED', 'ORDER', String(orderId)]);
    await c.query('UPDATE `product` SET `sales` = `sales` + ?, `updated_at` = CURRENT_TIMESTAMP WHERE `id` = ?', [quantity, sku.productId]);
    await c.query('INSERT INTO `order_log` (`order_id`, `from_status`, `to_status`, `actor`, `reason`) VALUES (?, NULL, ?, ?, ?)', [orderId, 'PENDING_PAYMENT', `shopper:${shopperId}`, 'placed']);
    const [orders] = await c.query<Rows>('SELECT * FROM `shop_order` WHERE `id` = ? LIMIT 1', [orderId]);
    return { order: orders[0], items: null as Rows | null };
  });
  const [lines] = await pool.query<Rows>('SELECT * FROM `order_item` WHERE `order_id` IN (?) ORDER BY `id` ASC', [[order.id]]);
  void items;
  // The pay-timeout timer: a delayed job in Redis (the app enqueues a Bull job here).
  await redis.multi().hset(`job:${order.id}`, 'name', 'order.pay-timeout', 'data', JSON.stringify({ orderId: order.id })).zadd('delayed', expiresAt.getTime() + 1000, String(order.id)).exec();
  return presentOrder(order, lines);
}

function presentOrder(o: RowDataPacket, lines: Rows): unknown {
  return {
    id: o.id,
    orderNo: o.order_no,
    status: o.status,
    deliveryType: o.delivery_type,
    storeId: o.store_id,
    items: lines.map((l) => ({ id: l.id, skuId: l.sku_id, productId: l.product_id, name: l.name, specValues: JSON.parse(l.spec_values), image: l.image, price: Number(l.price), quantity: l.quantity, payAmount: Number(l.pay_amount) })),
    totalAmount: Number(o.total_amount),
    discountAmount: Number(o.discount_amount),
    couponAmount: Number(o.coupon_amount),
    pointsAmount: Number(o.points_amount),
    freightAmount: Number(o.freight_amount),
    payAmount: Number(o.pay_amount),
    address: o.address ? JSON.parse(o.address) : null,
    pickupCode: o.pickup_code,
    remark: o.remark,
    carrier: o.carrier,
    trackingNo: o.tracking_no,
    expiresAt: o.expires_at,
    paidAt: o.paid_at,
    shippedAt: o.shipped_at,
    completedAt: o.completed_at,
    cancelledAt: o.cancelled_at,
    createdAt: o.created_at,
  };
}

// ------------------------------------------------------------------ WeChat Pay callback

async function paymentCallback(req: IncomingMessage, raw: Buffer): Promise<void> {
  const h = req.headers;
  const ts = String(h['wechatpay-timestamp'] ?? '');
  const nonce = String(h['wechatpay-nonce'] ?? '');
  const signature = String(h['wechatpay-signature'] ?? '');
  if (String(h['wechatpay-serial'] ?? '') !== payKeyId) throw new HttpError(401, 'FAIL');
  if (signature.startsWith('WECHATPAY/SIGNTEST/')) throw new HttpError(401, 'FAIL');
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) throw new HttpError(401, 'FAIL');
  const message = Buffer.concat([Buffer.from(`${ts}\n${nonce}\n`), raw, Buffer.from('\n')]);
  if (!verify('RSA-SHA256', message, payKey, Buffer.from(signature, 'base64'))) throw new HttpError(401, 'FAIL');
  const notice = JSON.parse(raw.toString());
  const r = notice.resource;
  const data = Buffer.from(r.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', apiV3Key, Buffer.from(r.nonce));
  decipher.setAAD(Buffer.from(r.associated_data ?? ''));
  decipher.setAuthTag(data.subarray(data.length - 16));
  const tx = JSON.parse(Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString());
  if (notice.event_type !== 'TRANSACTION.SUCCESS' || tx.trade_state !== 'SUCCESS') return;
  const [orders] = await pool.query<Rows>('SELECT * FROM `shop_order` WHERE `order_no` = ? LIMIT 1', [tx.out_trade_no]);
  const order = orders[0];
  if (!order || Number(tx.amount.total) !== Number(order.pay_amount)) return;
  const paidAt = new Date(tx.success_time);
  await inTx(async (c) => {
    const [seen] = await c.query<Rows>('SELECT * FROM `payment` WHERE `transaction_id` = ? LIMIT 1', [tx.transaction_id]);
    if (seen.length > 0) return;
    const [payments] = await c.query<Rows>('SELECT * FROM `payment` WHERE `order_id` = ? AND `status` IN (?, ?) ORDER BY `id` DESC LIMIT 1', [order.id, 'PENDING', 'CLOSED']);
    if (!payments[0]) return;
    await c.query('UPDATE `payment` SET `status` = ?, `transaction_id` = ?, `paid_at` = ?, `updated_at` = CURRENT_TIMESTAMP WHERE `id` = ?', ['PAID', tx.transaction_id, paidAt, payments[0].id]);
    await c.query<Rows>('SELECT * FROM `shop_order` WHERE `id` = ? LIMIT 1', [order.id]);
    const [upd] = await c.query<ResultSetHeader>('UPDATE `shop_order` SET `status` = ?, `paid_at` = ?, `updated_at` = CURRENT_TIMESTAMP WHERE `id` = ? AND `status` = ?', ['PAID', paidAt, order.id, 'PENDING_PAYMENT']);
    if (upd.affectedRows === 1) {
      await c.query('INSERT INTO `order_log` (`order_id`, `from_status`, `to_status`, `actor`, `reason`) VALUES (?, ?, ?, ?, ?)', [order.id, 'PENDING_PAYMENT', 'PAID', 'system', 'payment confirmed by WeChat Pay']);
    }
  });
}

// ------------------------------------------------------------------ routing

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (req.method === 'GET' && path === '/health') return send(res, 200, { status: 'ok' });
  if (req.method === 'GET' && path === '/api/v1/app/products') return send(res, 200, await listProducts(url));
  const detail = /^\/api\/v1\/app\/products\/(\d+)$/.exec(path);
  if (req.method === 'GET' && detail) return send(res, 200, await productDetail(Number(detail[1])));
  if (req.method === 'POST' && path === '/api/v1/app/cart/items') {
    const shopperId = await shopperOf(req);
    return send(res, 201, await cartAdd(shopperId, JSON.parse((await readBody(req)).toString())));
  }
  if (req.method === 'POST' && path === '/api/v1/app/orders') {
    const shopperId = await shopperOf(req);
    return send(res, 201, await placeOrder(shopperId, JSON.parse((await readBody(req)).toString())));
  }
  if (req.method === 'POST' && path === '/api/v1/notify/wechatpay/transactions') {
    await paymentCallback(req, await readBody(req));
    return send(res, 204);
  }
  send(res, 404, { code: 'NOT_FOUND' });
}

const server = createServer((req, res) => {
  route(req, res).catch((error) => {
    if (error instanceof HttpError) send(res, error.status, { code: error.code });
    else {
      process.stderr.write(`${(error as Error).stack}\n`);
      send(res, 500, { code: 'INTERNAL' });
    }
  });
});
server.listen(Number(env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void pool.end();
  redis.disconnect();
});
