import { randomBytes } from 'node:crypto';
import { beijingTime, BodyReader, canonicalJson, paramError, randomDigits, RFC3339_WITH_OFFSET, WechatPayFault } from './wechatpay-simulator-protocol';

/**
 * The WeChat Pay simulator's books: orders and refunds, and the business rules of the JSAPI
 * prepay, query, close and refund APIs (wechat.md §2.4–2.6). No HTTP and no signatures here.
 */

export type SimTradeState = 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED';
export type SimRefundStatus = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';

export interface SimOrder {
  outTradeNo: string;
  appid: string;
  mchid: string;
  description: string;
  attach?: string;
  notifyUrl: string;
  timeExpire?: string;
  total: number;
  openid: string;
  prepayId: string;
  /** Canonical JSON of the first prepay body (a re-prepay must be identical). */
  prepayBody: string;
  tradeState: SimTradeState;
  transactionId?: string;
  successTime?: string;
  /** What WeChat Pay reports as paid (differs from `total` after `pay(..., { amountOverride })`). */
  reportedTotal?: number;
  /** Extra fields reported in the transaction (e.g. another appid), set by `pay(..., { transactionPatch })`. */
  transactionPatch?: Record<string, unknown>;
  createdAt: Date;
}

export interface SimRefund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  refund: number;
  total: number;
  reason?: string;
  notifyUrl?: string;
  status: SimRefundStatus;
  createTime: string;
  successTime?: string;
  /** Canonical JSON of the request (the same out_refund_no must come with the same parameters). */
  requestBody: string;
}

export interface LedgerRules {
  appId: string;
  /** HTTP status of ORDERPAID answers (400 or 403: unsure in the docs). */
  orderPaidStatus: 400 | 403;
  requireHttpsNotifyUrl: boolean;
  refundInitialStatus: 'PROCESSING' | 'SUCCESS';
}

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const TRADE_STATE_DESC: Record<SimTradeState, string> = { NOTPAY: '订单未支付', SUCCESS: '支付成功', REFUND: '转入退款', CLOSED: '订单已关闭' };

function isPaid(order: SimOrder): boolean {
  return order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND';
}

export class WechatPayLedger {
  readonly orders = new Map<string, SimOrder>();
  readonly refunds = new Map<string, SimRefund>();

  constructor(private readonly rules: LedgerRules) {}

  /** `POST /v3/pay/transactions/jsapi`; `signerMchid` is the mchid of the Authorization header. */
  prepay(json: Record<string, unknown>, signerMchid: string): { prepay_id: string } {
    const b = new BodyReader(json);
    const appid = b.string('appid', { required: true, max: 32 })!;
    const mchid = b.string('mchid', { required: true, max: 32 })!;
    const description = b.string('description', { required: true, max: 127 })!;
    const outTradeNo = b.string('out_trade_no', { required: true, pattern: OUT_TRADE_NO })!;
    const timeExpire = b.string('time_expire', { max: 64, pattern: RFC3339_WITH_OFFSET });
    if (timeExpire !== undefined && Number.isNaN(Date.parse(timeExpire))) throw paramError('time_expire', '不是合法的时间');
    const attach = b.string('attach', { max: 128 });
    const notifyUrl = b.notifyUrl('notify_url', 255, this.rules.requireHttpsNotifyUrl, true)!;
    const total = b.integer('amount.total', { required: true, min: 1 })!;
    const currency = b.string('amount.currency');
    if (currency !== undefined && currency !== 'CNY') throw paramError('amount.currency', '仅支持CNY');
    const openid = b.string('payer.openid', { required: true, max: 128 })!;
    if (mchid !== signerMchid) throw new WechatPayFault(400, 'INVALID_REQUEST', 'mchid不匹配');
    if (appid !== this.rules.appId) throw new WechatPayFault(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');

    const canonical = canonicalJson(json);
    const existing = this.orders.get(outTradeNo);
    if (existing) {
      if (isPaid(existing)) throw new WechatPayFault(this.rules.orderPaidStatus, 'ORDERPAID', '该订单已支付');
      if (existing.tradeState === 'CLOSED') throw new WechatPayFault(400, 'ORDER_CLOSED', '当前订单已关闭，请重新下单');
      if (existing.prepayBody !== canonical) throw new WechatPayFault(400, 'INVALID_REQUEST', '请求重入时，参数与首次请求时不一致');
      return { prepay_id: existing.prepayId };
    }
    const now = new Date();
    const prepayId = `wx${beijingTime(now).replace(/\D/g, '').slice(0, 14)}${randomBytes(10).toString('hex')}`;
    this.orders.set(outTradeNo, {
      outTradeNo,
      appid,
      mchid,
      description,
      attach,
      notifyUrl,
      timeExpire,
      total,
      openid,
      prepayId,
      prepayBody: canonical,
      tradeState: 'NOTPAY',
      createdAt: now,
    });
    return { prepay_id: prepayId };
  }

  orderByOutTradeNo(outTradeNo: string): SimOrder {
    const order = this.orders.get(outTradeNo);
    if (!order) throw new WechatPayFault(404, 'ORDER_NOT_EXIST', '订单不存在');
    return order;
  }

  orderByTransactionId(transactionId: string): SimOrder {
    const order = [...this.orders.values()].find((o) => o.transactionId === transactionId);
    if (!order) throw new WechatPayFault(404, 'ORDER_NOT_EXIST', '订单不存在');
    return order;
  }

  /** `POST …/out-trade-no/{no}/close`: re-entrant; refused once paid. */
  close(outTradeNo: string, json: Record<string, unknown>, signerMchid: string): void {
    const mchid = new BodyReader(json).string('mchid', { required: true, max: 32 });
    if (mchid !== signerMchid) throw new WechatPayFault(400, 'INVALID_REQUEST', 'mchid不匹配');
    const order = this.orderByOutTradeNo(outTradeNo);
    if (isPaid(order)) throw new WechatPayFault(this.rules.orderPaidStatus, 'ORDERPAID', '该订单已支付');
    order.tradeState = 'CLOSED';
  }

  /** `POST /v3/refund/domestic/refunds`: idempotent by out_refund_no; Σ refunds ≤ total; ≤ 50 per order. */
  createRefund(json: Record<string, unknown>): SimRefund {
    const b = new BodyReader(json);
    const transactionId = b.string('transaction_id', { max: 32 });
    const outTradeNo = b.string('out_trade_no', { max: 32 });
    if ((transactionId === undefined) === (outTradeNo === undefined)) {
      throw new WechatPayFault(400, 'PARAM_ERROR', 'transaction_id和out_trade_no必须二选一');
    }
    const outRefundNo = b.string('out_refund_no', { required: true, pattern: OUT_REFUND_NO })!;
    const reason = b.string('reason', { max: 80 });
    const notifyUrl = b.notifyUrl('notify_url', 256, this.rules.requireHttpsNotifyUrl, false);
    const refundAmount = b.integer('amount.refund', { required: true, min: 1 })!;
    const total = b.integer('amount.total', { required: true, min: 1 })!;
    const currency = b.string('amount.currency', { required: true });
    if (currency !== 'CNY') throw paramError('amount.currency', '仅支持CNY');

    const canonical = canonicalJson(json);
    const existing = this.refunds.get(outRefundNo);
    if (existing) {
      if (existing.requestBody !== canonical) throw new WechatPayFault(400, 'INVALID_REQUEST', '请求参数与之前相同退款单号的请求不一致');
      return existing;
    }
    const order = [...this.orders.values()].find((o) => (transactionId !== undefined ? o.transactionId === transactionId : o.outTradeNo === outTradeNo));
    if (!order || !isPaid(order)) throw new WechatPayFault(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    if (total !== order.total) throw new WechatPayFault(400, 'INVALID_REQUEST', '订单金额与原订单金额不一致');
    const previous = [...this.refunds.values()].filter((r) => r.outTradeNo === order.outTradeNo && r.status !== 'CLOSED');
    if (previous.length >= 50) throw new WechatPayFault(400, 'INVALID_REQUEST', '退款次数超过限制');
    if (previous.reduce((sum, r) => sum + r.refund, 0) + refundAmount > order.total) {
      throw new WechatPayFault(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
    }
    const status = this.rules.refundInitialStatus;
    const refund: SimRefund = {
      refundId: `503${randomDigits(26)}`,
      outRefundNo,
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId!,
      refund: refundAmount,
      total,
      reason,
      notifyUrl,
      status,
      createTime: beijingTime(),
      successTime: status === 'SUCCESS' ? beijingTime() : undefined,
      requestBody: canonical,
    };
    this.refunds.set(outRefundNo, refund);
    order.tradeState = 'REFUND';
    return refund;
  }

  refundByOutRefundNo(outRefundNo: string): SimRefund {
    const refund = this.refunds.get(outRefundNo);
    if (!refund) throw new WechatPayFault(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    return refund;
  }

  // ---------------------------------------------------------------- test hooks (plain Errors: misuse by a test)

  markPaid(outTradeNo: string, options: { amountOverride?: number; transactionPatch?: Record<string, unknown> } = {}): SimOrder {
    const order = this.orders.get(outTradeNo);
    if (!order) throw new Error(`no order ${outTradeNo} at the WeChat Pay simulator`);
    if (order.tradeState !== 'NOTPAY') throw new Error(`order ${outTradeNo} is ${order.tradeState}, cannot be paid`);
    if (order.timeExpire && Date.parse(order.timeExpire) < Date.now()) throw new Error(`order ${outTradeNo} expired at ${order.timeExpire}`);
    order.tradeState = 'SUCCESS';
    order.transactionId = `4200${randomDigits(24)}`;
    order.successTime = beijingTime();
    order.reportedTotal = options.amountOverride ?? order.total;
    order.transactionPatch = options.transactionPatch;
    return order;
  }

  expire(outTradeNo: string): void {
    const order = this.orders.get(outTradeNo);
    if (!order || order.tradeState !== 'NOTPAY') throw new Error(`order ${outTradeNo} is not an unpaid order`);
    order.tradeState = 'CLOSED';
  }

  finishRefund(outRefundNo: string, status: 'SUCCESS' | 'ABNORMAL' | 'CLOSED'): SimRefund {
    const refund = this.refunds.get(outRefundNo);
    if (!refund) throw new Error(`no refund ${outRefundNo} at the WeChat Pay simulator`);
    if (refund.status !== 'PROCESSING' && refund.status !== 'ABNORMAL') throw new Error(`refund ${outRefundNo} is already ${refund.status}`);
    refund.status = status;
    if (status === 'SUCCESS') refund.successTime = beijingTime();
    return refund;
  }

  // ---------------------------------------------------------------- the wire shapes

  /** The query answer, also the decrypted TRANSACTION.SUCCESS resource (§2.3, §2.6.3). */
  transactionView(order: SimOrder): Record<string, unknown> {
    const paid = isPaid(order);
    const total = paid ? (order.reportedTotal ?? order.total) : order.total;
    const view: Record<string, unknown> = {
      amount: paid ? { currency: 'CNY', payer_currency: 'CNY', payer_total: total, total } : { payer_currency: 'CNY', total },
      appid: order.appid,
      mchid: order.mchid,
      out_trade_no: order.outTradeNo,
      promotion_detail: [],
      scene_info: { device_id: '' },
      trade_state: order.tradeState,
      trade_state_desc: TRADE_STATE_DESC[order.tradeState],
      ...(order.attach !== undefined ? { attach: order.attach } : {}),
    };
    if (!paid) return view;
    return {
      ...view,
      transaction_id: order.transactionId,
      trade_type: 'JSAPI',
      bank_type: 'OTHERS',
      success_time: order.successTime,
      payer: { openid: order.openid },
      ...order.transactionPatch,
    };
  }

  /** The refund and refund-query answer (§2.6.5). */
  refundView(refund: SimRefund): Record<string, unknown> {
    return {
      amount: {
        currency: 'CNY',
        discount_refund: 0,
        from: [],
        payer_refund: refund.refund,
        payer_total: refund.total,
        refund: refund.refund,
        refund_fee: 0,
        settlement_refund: refund.refund,
        settlement_total: refund.total,
        total: refund.total,
      },
      channel: 'ORIGINAL',
      create_time: refund.createTime,
      funds_account: 'AVAILABLE',
      out_refund_no: refund.outRefundNo,
      out_trade_no: refund.outTradeNo,
      promotion_detail: [],
      refund_id: refund.refundId,
      status: refund.status,
      ...(refund.successTime ? { success_time: refund.successTime } : {}),
      transaction_id: refund.transactionId,
      user_received_account: '支付用户零钱',
    };
  }

  /** The decrypted REFUND.* resource (§2.3: `refund_status`, not `status`). */
  refundNotice(refund: SimRefund, mchid: string): Record<string, unknown> {
    return {
      mchid,
      transaction_id: refund.transactionId,
      out_trade_no: refund.outTradeNo,
      refund_id: refund.refundId,
      out_refund_no: refund.outRefundNo,
      refund_status: refund.status,
      ...(refund.successTime ? { success_time: refund.successTime } : {}),
      user_received_account: '支付用户零钱',
      amount: { total: refund.total, refund: refund.refund, payer_total: refund.total, payer_refund: refund.refund },
    };
  }
}
