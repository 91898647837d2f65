import { Test } from '@nestjs/testing';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ConfigModule } from '../../src/config/config.module';
import { ConfigError, loadConfig } from '../../src/config/app-config';
import {
  NotificationFailureReason,
  WechatPayClient,
  WechatPayError,
  WechatPayModule,
  WechatPayNotConfiguredError,
  WechatPayNotification,
  WechatPayNotificationError,
  WechatPaySettings,
  wechatPaySettingsFrom,
} from '../../src/modules/payment/infrastructure/wechatpay';
import { signRequest, loadPrivateKey } from '../../src/modules/payment/infrastructure/wechatpay/wechatpay-signer';
import { getFreePort } from '../support/ports';
import { WechatPaySimulator, WechatPaySimulatorOptions } from '../support/wechatpay-simulator';

/**
 * The production WeChat Pay client against the simulator over real HTTP on loopback: signatures
 * both ways, state, errors and callbacks, in public-key, certificate and switching modes.
 */

interface Logged {
  level: 'log' | 'warn' | 'error';
  message: string;
}

function clientFor(
  sim: WechatPaySimulator,
  env: Record<string, string> = {},
  extra: Partial<WechatPaySettings> = {},
): { client: WechatPayClient; logs: Logged[] } {
  const logs: Logged[] = [];
  const settings = wechatPaySettingsFrom(loadConfig({ ...sim.appEnv(), ...env }))!;
  const client = new WechatPayClient({
    ...settings,
    timeoutMs: 3000,
    ...extra,
    logger: {
      log: (message) => logs.push({ level: 'log', message }),
      warn: (message) => logs.push({ level: 'warn', message }),
      error: (message) => logs.push({ level: 'error', message }),
    },
  });
  return { client, logs };
}

/** A stand-in for the app's callback route: verifies with the client, 204 when accepted, 401 FAIL otherwise. */
class NotifyReceiver {
  readonly accepted: WechatPayNotification[] = [];
  readonly refused: NotificationFailureReason[] = [];
  readonly received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  private server: Server | null = null;
  private port = 0;

  constructor(private readonly client: WechatPayClient) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.received.push({ headers: req.headers, body });
        try {
          this.accepted.push(await this.client.parseNotification(req.headers, body));
          res.writeHead(204).end();
        } catch (error) {
          if (error instanceof WechatPayNotificationError) this.refused.push(error.reason);
          res
            .writeHead(error instanceof WechatPayNotificationError ? 401 : 500, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ code: 'FAIL', message: '失败' }));
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path = '/notify'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

let sequence = 0;
function outTradeNo(): string {
  sequence += 1;
  return `T${Date.now()}${String(sequence).padStart(4, '0')}`;
}

async function failureOf(promise: Promise<unknown>): Promise<WechatPayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WechatPayError) return error;
    throw error;
  }
  throw new Error('expected a WechatPayError');
}

async function started(options: WechatPaySimulatorOptions): Promise<WechatPaySimulator> {
  return new WechatPaySimulator(options).start();
}

describe('WechatPayClient against the WeChat Pay simulator (public-key mode)', () => {
  let sim: WechatPaySimulator;
  let client: WechatPayClient;
  let logs: Logged[];
  let receiver: NotifyReceiver;
  const openid = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';

  beforeAll(async () => {
    sim = await started({ mode: 'public-key' });
    ({ client, logs } = clientFor(sim));
    receiver = await new NotifyReceiver(client).start();
  });
  afterAll(async () => {
    await sim.stop();
    await receiver.stop();
  });

  async function prepaid(amountFen = 2999, no = outTradeNo()) {
    const expiresAt = new Date(Date.now() + 30 * 60_000);
    const { prepayId } = await client.jsapiPrepay({
      outTradeNo: no,
      description: '测试商品 x1',
      amountFen,
      payerOpenid: openid,
      timeExpire: expiresAt,
      notifyUrl: receiver.url('/api/v1/notify/wechatpay/transactions'),
      attach: 'order:1',
    });
    return { no, prepayId, expiresAt };
  }

  it('prepays a JSAPI order and returns wx.requestPayment parameters the merchant key signed', async () => {
    const { no, prepayId, expiresAt } = await prepaid(2999);
    expect(prepayId).toMatch(/^wx\d{14}[0-9a-f]{20}$/);
    const order = sim.order(no)!;
    expect(order).toMatchObject({ total: 2999, openid, description: '测试商品 x1', attach: 'order:1', tradeState: 'NOTPAY' });
    expect(order.notifyUrl).toBe(receiver.url('/api/v1/notify/wechatpay/transactions'));
    expect(order.timeExpire).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(Date.parse(order.timeExpire!)).toBe(Math.floor(expiresAt.getTime() / 1000) * 1000);

    const params = client.requestPaymentParams(prepayId);
    expect(params).toMatchObject({ appId: sim.appId, package: `prepay_id=${prepayId}`, signType: 'RSA' });
    expect(params.timeStamp).toMatch(/^\d{10}$/);
    expect(sim.verifyRequestPayment(params)).toBe(true);
    expect(sim.verifyRequestPayment({ ...params, package: 'prepay_id=wx00000000000000000000000000000000' })).toBe(false);
    expect(sim.verifyRequestPayment({ ...params, timeStamp: String(Number(params.timeStamp) + 1) })).toBe(false);
  });

  it('sends the public-key id so answers are signed with that key, and never downloads certificates', async () => {
    const { no } = await prepaid();
    const request = sim.requests.find((r) => r.path === '/v3/pay/transactions/jsapi' && (r.json as { out_trade_no: string }).out_trade_no === no)!;
    expect(request.headers['wechatpay-serial']).toBe(sim.publicKeyId);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe('application/json');
    expect(sim.requests.some((r) => r.path === '/v3/certificates')).toBe(false);
  });

  it('gets the same prepay_id for an identical re-prepay and an error for changed parameters', async () => {
    const no = outTradeNo();
    const input = { outTradeNo: no, description: 'd', amountFen: 100, payerOpenid: openid, timeExpire: new Date(Date.now() + 600_000), notifyUrl: receiver.url() };
    const first = await client.jsapiPrepay(input);
    expect(await client.jsapiPrepay(input)).toEqual(first);
    const changed = await failureOf(client.jsapiPrepay({ ...input, amountFen: 101 }));
    expect(changed).toMatchObject({ status: 502, code: 'UPSTREAM_ERROR', failure: 'API_ERROR', wechatCode: 'INVALID_REQUEST', httpStatus: 400 });
    expect(sim.order(no)!.total).toBe(100);
  });

  it('queries an unpaid order, then the paid one with its transaction details', async () => {
    const { no } = await prepaid(1234);
    const unpaid = await client.queryByOutTradeNo(no);
    expect(unpaid).toMatchObject({ out_trade_no: no, trade_state: 'NOTPAY', amount: { total: 1234 } });
    expect(unpaid!.transaction_id).toBeUndefined();

    await sim.pay(no, { deliver: false });
    const paid = await client.queryByOutTradeNo(no);
    expect(paid).toMatchObject({
      appid: sim.appId,
      mchid: sim.mchId,
      out_trade_no: no,
      trade_state: 'SUCCESS',
      trade_type: 'JSAPI',
      transaction_id: sim.order(no)!.transactionId,
      payer: { openid },
      amount: { total: 1234, payer_total: 1234 },
      attach: 'order:1',
    });
    expect(paid!.success_time).toMatch(/\+08:00$/);
    expect(client.isOwnTransaction(paid!)).toBe(true);
    expect(client.isOwnTransaction({ ...paid!, appid: 'wxsomeoneelse' })).toBe(false);
  });

  it('answers null for an order WeChat Pay does not know (ORDER_NOT_EXIST)', async () => {
    expect(await client.queryByOutTradeNo('NEVER-PREPAID-1')).toBeNull();
  });

  it('closes an unpaid order (204), again without error, and reports a paid or unknown order', async () => {
    const { no } = await prepaid();
    expect(await client.closeOrder(no)).toBe('CLOSED');
    expect(sim.order(no)!.tradeState).toBe('CLOSED');
    expect(await client.closeOrder(no)).toBe('CLOSED');
    expect((await client.queryByOutTradeNo(no))!.trade_state).toBe('CLOSED');
    const reprepay = await failureOf(client.jsapiPrepay({ outTradeNo: no, description: 'x', amountFen: 1, payerOpenid: openid, timeExpire: new Date(Date.now() + 600_000), notifyUrl: receiver.url() }));
    expect(reprepay.wechatCode).toBe('ORDER_CLOSED');

    const paid = await prepaid();
    await sim.pay(paid.no, { deliver: false });
    expect(await client.closeOrder(paid.no)).toBe('ORDER_PAID');
    expect(sim.order(paid.no)!.tradeState).toBe('SUCCESS');
    expect(await client.closeOrder('NEVER-PREPAID-2')).toBe('ORDER_NOT_EXIST');
  });

  it('refunds a paid order once per out_refund_no, queries it, and hears the result by callback', async () => {
    const { no } = await prepaid(5000);
    await sim.pay(no, { deliver: false });
    const input = { outTradeNo: no, outRefundNo: `AS${no}`, reason: '商品已售完', refundFen: 2000, totalFen: 5000, notifyUrl: receiver.url('/refunds') };
    const refund = await client.refund(input);
    expect(refund).toMatchObject({ out_refund_no: `AS${no}`, out_trade_no: no, status: 'PROCESSING', amount: { refund: 2000, total: 5000 } });
    expect(refund.refund_id).toMatch(/^503\d{26}$/);
    expect((await client.refund(input)).refund_id).toBe(refund.refund_id);
    expect(sim.refunds.filter((r) => r.outTradeNo === no)).toHaveLength(1);
    expect((await client.queryByOutTradeNo(no))!.trade_state).toBe('REFUND');
    expect(await client.queryRefund(`AS${no}`)).toMatchObject({ refund_id: refund.refund_id, status: 'PROCESSING' });

    const [delivery] = await sim.completeRefund(`AS${no}`, 'SUCCESS');
    expect(delivery).toMatchObject({ eventType: 'REFUND.SUCCESS', status: 204, acknowledged: true, url: receiver.url('/refunds') });
    expect(receiver.accepted.at(-1)).toMatchObject({
      kind: 'refund',
      eventType: 'REFUND.SUCCESS',
      resource: { out_refund_no: `AS${no}`, refund_id: refund.refund_id, refund_status: 'SUCCESS', amount: { refund: 2000, total: 5000 } },
    });
    const done = await client.queryRefund(`AS${no}`);
    expect(done).toMatchObject({ status: 'SUCCESS' });
    expect(done!.success_time).toMatch(/\+08:00$/);
  });

  it('refunds a named transaction of an order, sending transaction_id instead of out_trade_no', async () => {
    const { no } = await prepaid(1800);
    await sim.pay(no, { deliver: false });
    const transactionId = sim.order(no)!.transactionId!;
    const refund = await client.refund({ outTradeNo: no, transactionId, outRefundNo: `AR${transactionId}`, refundFen: 1800, totalFen: 1800 });
    expect(refund).toMatchObject({ out_refund_no: `AR${transactionId}`, out_trade_no: no, transaction_id: transactionId, status: 'PROCESSING' });
    const sent = sim.requests.filter((r) => r.path === '/v3/refund/domestic/refunds').at(-1)!.json as Record<string, unknown>;
    expect(sent).toMatchObject({ transaction_id: transactionId, out_refund_no: `AR${transactionId}` });
    expect(sent).not.toHaveProperty('out_trade_no');
  });

  it('hears REFUND.ABNORMAL, and refuses a forged refund callback', async () => {
    const { no } = await prepaid(700);
    await sim.pay(no, { deliver: false });
    await client.refund({ outTradeNo: no, outRefundNo: `AB${no}`, refundFen: 700, totalFen: 700, notifyUrl: receiver.url('/refunds') });

    const forged = await sim.postCallback(sim.buildRefundCallback(`AB${no}`, 'SUCCESS', 'wrong-key'));
    expect(forged).toMatchObject({ status: 401, acknowledged: false });
    expect(receiver.refused.at(-1)).toBe('BAD_SIGNATURE');
    expect(sim.refund(`AB${no}`)!.status).toBe('PROCESSING');

    const [delivery] = await sim.completeRefund(`AB${no}`, 'ABNORMAL');
    expect(delivery).toMatchObject({ eventType: 'REFUND.ABNORMAL', acknowledged: true });
    const notice = receiver.accepted.at(-1)!;
    expect(notice).toMatchObject({ kind: 'refund', resource: { out_refund_no: `AB${no}`, refund_status: 'ABNORMAL' } });
    expect(notice.resource.success_time).toBeUndefined();
    expect(await client.queryRefund(`AB${no}`)).toMatchObject({ status: 'ABNORMAL' });
  });

  it('refuses the same out_refund_no with other parameters, and an order that expired unpaid', async () => {
    const { no } = await prepaid(900);
    await sim.pay(no, { deliver: false });
    await client.refund({ outTradeNo: no, outRefundNo: `S${no}`, refundFen: 100, totalFen: 900 });
    expect(await failureOf(client.refund({ outTradeNo: no, outRefundNo: `S${no}`, refundFen: 200, totalFen: 900 }))).toMatchObject({ wechatCode: 'INVALID_REQUEST' });
    expect(sim.refund(`S${no}`)!.refund).toBe(100);

    const expired = await prepaid();
    sim.expire(expired.no);
    expect((await client.queryByOutTradeNo(expired.no))!.trade_state).toBe('CLOSED');
    expect(() => sim.pay(expired.no)).toThrow(/CLOSED/);
  });

  it('passes on WeChat Pay refusals of refunds: over-refund, unpaid order; and null for an unknown refund', async () => {
    const { no } = await prepaid(1000);
    const unpaid = await failureOf(client.refund({ outTradeNo: no, outRefundNo: `R1${no}`, refundFen: 100, totalFen: 1000 }));
    expect(unpaid).toMatchObject({ wechatCode: 'RESOURCE_NOT_EXISTS', httpStatus: 404 });
    await sim.pay(no, { deliver: false });
    await client.refund({ outTradeNo: no, outRefundNo: `R2${no}`, refundFen: 600, totalFen: 1000 });
    const over = await failureOf(client.refund({ outTradeNo: no, outRefundNo: `R3${no}`, refundFen: 500, totalFen: 1000 }));
    expect(over).toMatchObject({ wechatCode: 'INVALID_REQUEST', httpStatus: 400, retryable: false });
    expect(sim.refund(`R3${no}`)).toBeUndefined();
    expect(await client.queryRefund('NO-SUCH-REFUND')).toBeNull();
  });

  it('turns SYSTEM_ERROR into a retryable UpstreamError, logged with the code and no secrets', async () => {
    sim.failNext(1, { status: 500, code: 'SYSTEM_ERROR', message: '系统繁忙，请稍后重试' });
    const no = outTradeNo();
    const error = await failureOf(
      client.jsapiPrepay({ outTradeNo: no, description: 'd', amountFen: 100, payerOpenid: openid, timeExpire: new Date(Date.now() + 600_000), notifyUrl: receiver.url() }),
    );
    expect(error).toMatchObject({
      status: 502,
      code: 'UPSTREAM_ERROR',
      failure: 'API_ERROR',
      wechatCode: 'SYSTEM_ERROR',
      httpStatus: 500,
      retryable: true,
      details: { code: 'SYSTEM_ERROR', message: '系统繁忙，请稍后重试', httpStatus: 500 },
    });
    expect(sim.order(no)).toBeUndefined();
    const line = logs.filter((l) => l.level === 'warn').at(-1)!.message;
    expect(line).toContain('SYSTEM_ERROR');
    expect(line).toContain('jsapiPrepay');
    const everything = logs.map((l) => l.message).join('\n');
    expect(everything).not.toContain(openid);
    expect(everything).not.toContain(sim.apiV3Key);
    expect(everything).not.toMatch(/PRIVATE KEY|BEGIN/);
    // The next call goes through.
    await expect(client.queryByOutTradeNo(no)).resolves.toBeNull();
  });

  it.each([
    [202, 'USERPAYING', true],
    [429, 'FREQUENCY_LIMITED', true],
    [503, 'SERVICE_UNAVAILABLE', true],
    [403, 'NOT_ENOUGH', false],
    [403, 'NO_AUTH', false],
  ])('passes on HTTP %s %s as an UpstreamError (retryable: %s)', async (status, code, retryable) => {
    const { no } = await prepaid(100);
    await sim.pay(no, { deliver: false });
    sim.failNext(1, { status, code });
    const error = await failureOf(client.refund({ outTradeNo: no, outRefundNo: `F${no}`, refundFen: 100, totalFen: 100 }));
    expect(error).toMatchObject({ status: 502, code: 'UPSTREAM_ERROR', failure: 'API_ERROR', wechatCode: code, httpStatus: status, retryable });
    expect(error.requestId).toMatch(/^[0-9A-F]+-\d+$/);
    expect(sim.refund(`F${no}`)).toBeUndefined();
  });

  it('takes an unsigned error answer (e.g. from a gateway) as an error, and acts on no unverified answer', async () => {
    sim.failNext(1, { status: 502, code: 'SERVICE_UNAVAILABLE' });
    sim.forgeNextResponses(1, 'no-signature');
    expect(await failureOf(client.queryByOutTradeNo('ANY-ORDER-6'))).toMatchObject({ failure: 'API_ERROR', wechatCode: 'SERVICE_UNAVAILABLE' });
    // A forged or unsigned "order does not exist" / "already paid" must not be believed.
    sim.forgeNextResponses(1, 'wrong-key');
    expect(await failureOf(client.queryByOutTradeNo('ANY-ORDER-7'))).toMatchObject({ failure: 'INVALID_SIGNATURE', signatureFailure: 'BAD_SIGNATURE' });
    sim.forgeNextResponses(1, 'no-signature');
    expect(await failureOf(client.queryByOutTradeNo('ANY-ORDER-8'))).toMatchObject({ failure: 'INVALID_SIGNATURE', signatureFailure: 'MISSING_HEADERS', wechatCode: 'ORDER_NOT_EXIST' });
    const { no } = await prepaid();
    await sim.pay(no, { deliver: false });
    sim.forgeNextResponses(1, 'no-signature');
    expect(await failureOf(client.closeOrder(no))).toMatchObject({ failure: 'INVALID_SIGNATURE', wechatCode: 'ORDERPAID' });
    expect(await client.closeOrder(no)).toBe('ORDER_PAID');
  });

  it.each([
    ['wrong-key', 'BAD_SIGNATURE'],
    ['tampered-body', 'BAD_SIGNATURE'],
    ['stale', 'STALE_TIMESTAMP'],
    ['unknown-serial', 'UNKNOWN_SERIAL'],
    ['no-signature', 'MISSING_HEADERS'],
  ] as const)('refuses an answer with a %s signature (%s)', async (forgery, reason) => {
    const { no } = await prepaid();
    sim.forgeNextResponses(1, forgery);
    const error = await failureOf(client.queryByOutTradeNo(no));
    expect(error).toMatchObject({ status: 502, failure: 'INVALID_SIGNATURE', signatureFailure: reason });
    expect(logs.at(-1)).toMatchObject({ level: 'error' });
  });

  it('refuses an unsigned or forged 204 for close', async () => {
    const { no } = await prepaid();
    sim.forgeNextResponses(1, 'wrong-key');
    expect(await failureOf(client.closeOrder(no))).toMatchObject({ failure: 'INVALID_SIGNATURE', signatureFailure: 'BAD_SIGNATURE' });
    sim.forgeNextResponses(1, 'no-signature');
    expect(await failureOf(client.closeOrder(no))).toMatchObject({ failure: 'INVALID_SIGNATURE', signatureFailure: 'MISSING_HEADERS' });
  });

  it('reports a WeChat Pay it cannot reach as a retryable network failure', async () => {
    const port = await getFreePort();
    const { client: offline, logs: offlineLogs } = clientFor(sim, { WECHATPAY_API_BASE: `http://127.0.0.1:${port}` });
    const error = await failureOf(offline.queryByOutTradeNo('ANY-ORDER-1'));
    expect(error).toMatchObject({ status: 502, code: 'UPSTREAM_ERROR', failure: 'NETWORK_ERROR', retryable: true });
    expect(offlineLogs.at(-1)!.message).toContain('no answer');
  });

  it('receives the payment callback over HTTP and opens it with parseNotification', async () => {
    const { no } = await prepaid(880);
    const deliveries = await sim.pay(no);
    expect(deliveries).toEqual([expect.objectContaining({ eventType: 'TRANSACTION.SUCCESS', status: 204, acknowledged: true })]);
    const raw = receiver.received.at(-1)!;
    expect(raw.headers).toMatchObject({
      'content-type': 'application/json',
      'wechatpay-serial': sim.publicKeyId,
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    });
    expect(JSON.parse(raw.body)).toMatchObject({
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction' },
    });
    const notification = receiver.accepted.at(-1)!;
    expect(notification).toMatchObject({
      id: deliveries[0].notificationId,
      kind: 'transaction',
      eventType: 'TRANSACTION.SUCCESS',
      resourceType: 'encrypt-resource',
      resource: { out_trade_no: no, trade_state: 'SUCCESS', amount: { total: 880, payer_total: 880 }, payer: { openid } },
    });
  });

  it('can lose, duplicate (in parallel), delay and misreport a callback', async () => {
    const lost = await prepaid();
    expect(await sim.pay(lost.no, { deliver: false })).toEqual([]);
    expect(sim.order(lost.no)!.tradeState).toBe('SUCCESS');

    const duplicated = await prepaid();
    const copies = await sim.pay(duplicated.no, { times: 3, parallel: true });
    expect(copies).toHaveLength(3);
    expect(new Set(copies.map((d) => d.notificationId)).size).toBe(1);
    const copiesReceived = receiver.received.slice(-3);
    expect(new Set(copiesReceived.map((r) => r.body)).size).toBe(1);
    expect(new Set(copiesReceived.map((r) => r.headers['wechatpay-nonce'])).size).toBe(3);
    expect(copies.every((d) => d.acknowledged)).toBe(true);

    const delayed = await prepaid();
    const before = receiver.received.length;
    const pending = sim.pay(delayed.no, { delayMs: 150 });
    expect((await client.queryByOutTradeNo(delayed.no))!.trade_state).toBe('SUCCESS');
    expect(receiver.received.length).toBe(before);
    await pending;
    expect(receiver.received.length).toBe(before + 1);

    const wrong = await prepaid(1000);
    await sim.pay(wrong.no, { amountOverride: 1 });
    expect(receiver.accepted.at(-1)!.resource).toMatchObject({ out_trade_no: wrong.no, amount: { total: 1, payer_total: 1 } });
    expect((await client.queryByOutTradeNo(wrong.no))!.amount.total).toBe(1);
  });

  it.each([
    ['probe', 'PROBE'],
    ['wrong-key', 'BAD_SIGNATURE'],
    ['stale', 'STALE_TIMESTAMP'],
    ['tampered', 'BAD_SIGNATURE'],
    ['unknown-serial', 'UNKNOWN_SERIAL'],
    ['missing-headers', 'MISSING_HEADERS'],
    ['wrong-apiv3-key', 'DECRYPT_FAILED'],
  ] as const)('refuses a %s payment callback with 401 FAIL and leaves the order unpaid', async (forgery, reason) => {
    const { no } = await prepaid();
    const accepted = receiver.accepted.length;
    const delivery = await sim.postCallback(sim.buildTransactionCallback(no, forgery));
    expect(delivery).toMatchObject({ status: 401, acknowledged: false });
    expect(JSON.parse(delivery.responseBody)).toEqual({ code: 'FAIL', message: '失败' });
    expect(receiver.refused.at(-1)).toBe(reason);
    expect(receiver.accepted.length).toBe(accepted);
    expect(sim.order(no)!.tradeState).toBe('NOTPAY');
  });

  it('redelivers a refused callback on the (compressed) retry schedule', async () => {
    const retrying = await started({ mode: 'public-key', callbackRetryDelaysMs: [10, 10] });
    let answers = 0;
    const flaky = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        answers += 1;
        res.writeHead(answers < 3 ? 500 : 200).end();
      });
    });
    try {
      const { client: c } = clientFor(retrying);
      await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/n`;
      const no = outTradeNo();
      await c.jsapiPrepay({ outTradeNo: no, description: 'd', amountFen: 1, payerOpenid: openid, timeExpire: new Date(Date.now() + 600_000), notifyUrl: url });
      const attempts = await retrying.pay(no);
      expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
        [1, 500],
        [2, 500],
        [3, 200],
      ]);
    } finally {
      flaky.close();
      await retrying.stop();
    }
  });
});

describe('WechatPayClient against the WeChat Pay simulator (platform-certificate mode)', () => {
  let sim: WechatPaySimulator;
  let client: WechatPayClient;
  let receiver: NotifyReceiver;
  const certificateDownloads = () => sim.requests.filter((r) => r.path === '/v3/certificates').length;

  beforeAll(async () => {
    sim = await started({ mode: 'certificate' });
    ({ client } = clientFor(sim));
    receiver = await new NotifyReceiver(client).start();
  });
  afterAll(async () => {
    await sim.stop();
    await receiver.stop();
  });

  it('is configured without a public key and sends no Wechatpay-Serial', () => {
    expect(sim.appEnv().WECHATPAY_PUBLIC_KEY).toBeUndefined();
    expect(client.knownSerials()).toEqual([]);
  });

  it('downloads, decrypts and trusts the platform certificate on the first answer, once', async () => {
    const no = outTradeNo();
    await client.jsapiPrepay({ outTradeNo: no, description: 'd', amountFen: 10, payerOpenid: 'o1', timeExpire: new Date(Date.now() + 600_000), notifyUrl: receiver.url() });
    expect(client.knownSerials()).toEqual([{ serial: sim.certificateSerialNo, source: 'certificate' }]);
    expect(certificateDownloads()).toBe(1);
    expect((await client.queryByOutTradeNo(no))!.trade_state).toBe('NOTPAY');
    expect(certificateDownloads()).toBe(1);
    expect(sim.requests.find((r) => r.path === '/v3/pay/transactions/jsapi')!.headers['wechatpay-serial']).toBeUndefined();

    await sim.pay(no);
    expect(receiver.accepted.at(-1)).toMatchObject({ kind: 'transaction', serial: sim.certificateSerialNo, resource: { out_trade_no: no } });
  });

  it('follows a certificate rotation on the first unknown serial, downloading at most once a minute', async () => {
    let offsetMs = 0;
    const { client: c } = clientFor(sim, {}, { now: () => Date.now() + offsetMs });
    const no = outTradeNo();
    await c.jsapiPrepay({ outTradeNo: no, description: 'd', amountFen: 10, payerOpenid: 'o1', timeExpire: new Date(Date.now() + 600_000), notifyUrl: receiver.url() });
    const downloads = certificateDownloads();
    const oldSerial = sim.certificateSerialNo;
    const newSerial = sim.rotateCertificate();

    // Within the minute after the last download, an unknown serial does not trigger another one.
    expect(await failureOf(c.queryByOutTradeNo(no))).toMatchObject({ failure: 'INVALID_SIGNATURE', signatureFailure: 'UNKNOWN_SERIAL' });
    expect(certificateDownloads()).toBe(downloads);

    offsetMs = 61_000;
    expect((await c.queryByOutTradeNo(no))!.trade_state).toBe('NOTPAY');
    expect(certificateDownloads()).toBe(downloads + 1);
    expect(c.knownSerials().map((s) => s.serial).sort()).toEqual([oldSerial, newSerial].sort());

    await c.refreshCertificates();
    expect(certificateDownloads()).toBe(downloads + 2);
  });

  it('refuses a certificate list whose own signature does not verify', async () => {
    const { client: c, logs } = clientFor(sim);
    sim.forgeNextResponses(1, 'wrong-key', '/v3/certificates');
    expect(await failureOf(c.queryByOutTradeNo('ANY-ORDER-5'))).toMatchObject({ failure: 'INVALID_SIGNATURE', signatureFailure: 'UNKNOWN_SERIAL' });
    expect(c.knownSerials()).toEqual([]);
    expect(logs.map((l) => l.message).join('\n')).toMatch(/downloadCertificates: answer refused, signature check BAD_SIGNATURE/);
  });

  it('refuses certificates encrypted with another APIv3 key', async () => {
    const { client: wrongKey, logs } = clientFor(sim, { WECHATPAY_APIV3_KEY: 'ffffffffffffffffffffffffffffffff' });
    const error = await failureOf(wrongKey.queryByOutTradeNo('ANY-ORDER-2'));
    expect(error).toMatchObject({ failure: 'INVALID_SIGNATURE', signatureFailure: 'UNKNOWN_SERIAL' });
    expect(logs.map((l) => l.message).join('\n')).toContain('certificate download failed');
    expect(wrongKey.knownSerials()).toEqual([]);
  });
});

describe('WechatPayClient during a switch from platform certificates to the public key', () => {
  let sim: WechatPaySimulator;
  let client: WechatPayClient;
  let receiver: NotifyReceiver;

  beforeAll(async () => {
    // A serial with a leading zero byte: the certificate's own serial number reads without it.
    sim = await started({ mode: 'both', callbackSigner: 'alternate', certificateSerialNo: '00A1B2C3D4E5F60718293A4B5C6D7E8F90112233' });
    ({ client } = clientFor(sim));
    receiver = await new NotifyReceiver(client).start();
  });
  afterAll(async () => {
    await sim.stop();
    await receiver.stop();
  });

  it('gets public-key-signed answers and accepts callbacks signed either way', async () => {
    const nos = [outTradeNo(), outTradeNo()];
    for (const no of nos) {
      await client.jsapiPrepay({ outTradeNo: no, description: 'd', amountFen: 10, payerOpenid: 'o1', timeExpire: new Date(Date.now() + 600_000), notifyUrl: receiver.url() });
    }
    expect(sim.requests.some((r) => r.path === '/v3/certificates')).toBe(false);
    for (const no of nos) await sim.pay(no);
    expect(receiver.refused).toEqual([]);
    expect(receiver.accepted.map((n) => n.serial).sort()).toEqual([sim.certificateSerialNo, sim.publicKeyId].sort());
    expect(client.knownSerials().map((s) => s.source).sort()).toEqual(['certificate', 'public-key']);
  });
});

describe('the WeChat Pay simulator as a server', () => {
  let sim: WechatPaySimulator;
  const merchant = () => ({ mchId: sim.mchId, serialNo: sim.merchantSerialNo, privateKey: loadPrivateKey(sim.merchantPrivateKeyPem) });

  beforeAll(async () => {
    sim = await started({ mode: 'public-key' });
  });
  afterAll(() => sim.stop());

  async function call(method: 'GET' | 'POST', path: string, payload?: unknown, tweak: (auth: string) => string = (a) => a) {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const { authorization } = signRequest(merchant(), { method, url: path, body });
    const res = await fetch(sim.baseUrl + path, {
      method,
      headers: { Authorization: tweak(authorization), 'Content-Type': 'application/json', Accept: 'application/json' },
      body: payload === undefined ? undefined : body,
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  }

  const valid = () => ({
    appid: sim.appId,
    mchid: sim.mchId,
    description: 'd',
    out_trade_no: outTradeNo(),
    time_expire: '2030-06-08T10:34:56+08:00',
    notify_url: 'https://shop.example.com/api/v1/notify/wechatpay/transactions',
    amount: { total: 1, currency: 'CNY' },
    payer: { openid: 'o1' },
  });

  it('accepts the Authorization pairs in any order', async () => {
    const reorder = (auth: string) => {
      const [scheme, pairs] = [auth.slice(0, auth.indexOf(' ')), auth.slice(auth.indexOf(' ') + 1)];
      return `${scheme} ${pairs.split(',').reverse().join(',')}`;
    };
    expect((await call('POST', '/v3/pay/transactions/jsapi', valid(), reorder)).status).toBe(200);
  });

  it.each([
    ['a signature over other content', (a: string) => a.replace(/signature="[^"]+"/, `signature="${Buffer.alloc(256, 1).toString('base64')}"`)],
    ['another certificate serial', (a: string) => a.replace(/serial_no="[^"]+"/, 'serial_no="0000000000000000000000000000000000000000"')],
    ['another mchid', (a: string) => a.replace(/mchid="[^"]+"/, 'mchid="1900000000"')],
    ['another scheme', (a: string) => a.replace('WECHATPAY2-SHA256-RSA2048', 'WECHATPAY2-SHA256-RSA')],
  ])('answers 401 SIGN_ERROR for %s, storing nothing', async (_name, tweak) => {
    const body = valid();
    const answer = await call('POST', '/v3/pay/transactions/jsapi', body, tweak);
    expect(answer).toMatchObject({ status: 401, json: { code: 'SIGN_ERROR' } });
    expect(sim.order(body.out_trade_no)).toBeUndefined();
  });

  it.each([
    ['time_expire without an offset', { time_expire: '2030-06-08T10:34:56' }],
    ['time_expire with a date only', { time_expire: '2030-06-08' }],
    ['an amount of 0', { amount: { total: 0, currency: 'CNY' } }],
    ['an amount in yuan', { amount: { total: 0.5 } }],
    ['a short out_trade_no', { out_trade_no: 'A1' }],
    ['a 33-character out_trade_no', { out_trade_no: 'A'.repeat(33) }],
    ['out_trade_no with a dot', { out_trade_no: 'ORDER.12345' }],
    ['a notify_url with a query', { notify_url: 'https://shop.example.com/notify?x=1' }],
    ['no openid', { payer: {} }],
    ['a 128-character description', { description: 'd'.repeat(128) }],
  ])('answers 400 PARAM_ERROR to a prepay with %s', async (_name, patch) => {
    const body = { ...valid(), ...patch };
    const answer = await call('POST', '/v3/pay/transactions/jsapi', body);
    expect(answer).toMatchObject({ status: 400, json: { code: 'PARAM_ERROR' } });
    expect(sim.orders.some((o) => o.outTradeNo === body.out_trade_no)).toBe(false);
  });

  it('refuses another appid and a body mchid that differs from the signer', async () => {
    expect(await call('POST', '/v3/pay/transactions/jsapi', { ...valid(), appid: 'wxother' })).toMatchObject({ status: 400, json: { code: 'APPID_MCHID_NOT_MATCH' } });
    expect(await call('POST', '/v3/pay/transactions/jsapi', { ...valid(), mchid: '1900000000' })).toMatchObject({ status: 400, json: { code: 'INVALID_REQUEST' } });
  });

  it('needs the mchid query parameter on order queries', async () => {
    expect(await call('GET', '/v3/pay/transactions/out-trade-no/ANY-ORDER-3')).toMatchObject({ status: 400, json: { code: 'PARAM_ERROR' } });
  });

  it('prints the app environment as .env lines the configuration reads back', () => {
    const lines = sim.envLines({ notifyBaseUrl: 'http://127.0.0.1:3000' });
    const env = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 2, -1)]));
    const config = loadConfig(env);
    expect(config.wechatPay).toMatchObject({ mchId: sim.mchId, apiBase: sim.baseUrl, publicKeyId: sim.publicKeyId, notifyBaseUrl: 'http://127.0.0.1:3000' });
    expect(config.wechatPay.privateKey).toBe(sim.merchantPrivateKeyPem);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
  });

  it('restarts on a fixed port with the same keys', async () => {
    const port = await getFreePort();
    const first = await new WechatPaySimulator({ port, mchId: '1900000109', appId: 'wxd678efh567hg6787' }).start();
    const keys = first.exportKeys();
    const env = first.appEnv();
    await first.stop();
    const again = await new WechatPaySimulator({ port, mchId: '1900000109', appId: 'wxd678efh567hg6787', keys, merchantSerialNo: first.merchantSerialNo, publicKeyId: first.publicKeyId, apiV3Key: first.apiV3Key }).start();
    try {
      expect(again.baseUrl).toBe(`http://127.0.0.1:${port}`);
      expect(again.appEnv()).toEqual(env);
    } finally {
      await again.stop();
    }
  });
});

describe('WechatPayModule', () => {
  it('provides a client built from the app configuration', async () => {
    const sim = await started({ mode: 'public-key' });
    try {
      const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(loadConfig(sim.appEnv())), WechatPayModule] }).compile();
      const client = moduleRef.get(WechatPayClient);
      expect(client.configured).toBe(true);
      expect(client.appId).toBe(sim.appId);
      expect(await client.queryByOutTradeNo('NEVER-PREPAID-3')).toBeNull();
      await moduleRef.close();
    } finally {
      await sim.stop();
    }
  });

  it('leaves WeChat Pay switched off (503) without WECHATPAY_MCHID', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(loadConfig({})), WechatPayModule] }).compile();
    const client = moduleRef.get(WechatPayClient);
    expect(client.configured).toBe(false);
    await expect(client.queryByOutTradeNo('ANY-ORDER-4')).rejects.toBeInstanceOf(WechatPayNotConfiguredError);
    expect(() => client.requestPaymentParams('wx1')).toThrow(WechatPayNotConfiguredError);
    await moduleRef.close();
  });

  it('refuses to start with a half-filled configuration', async () => {
    const config = loadConfig({ WECHATPAY_MCHID: '1900000109' });
    await expect(Test.createTestingModule({ imports: [ConfigModule.forRoot(config), WechatPayModule] }).compile()).rejects.toBeInstanceOf(ConfigError);
  });
});
