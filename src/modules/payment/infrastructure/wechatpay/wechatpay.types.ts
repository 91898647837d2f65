/**
 * WeChat Pay API v3 payloads as they are on the wire (snake_case), with runtime checks of the
 * fields our code relies on. A query answer and a TRANSACTION.SUCCESS callback carry the same
 * transaction shape, so one type serves both.
 */

export const TRADE_STATES = ['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR'] as const;
export type TradeState = (typeof TRADE_STATES)[number];

export const REFUND_STATUSES = ['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** A payment as answered by the query API and sent in TRANSACTION.SUCCESS callbacks. */
export interface WechatPayTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  /** Absent until paid. */
  transaction_id?: string;
  trade_type?: string;
  trade_state: TradeState;
  trade_state_desc?: string;
  bank_type?: string;
  attach?: string;
  /** RFC 3339 with offset; absent until paid. */
  success_time?: string;
  payer?: { openid?: string };
  amount: { total: number; payer_total?: number; currency?: string; payer_currency?: string };
  [field: string]: unknown;
}

/** A refund as answered by the refund and refund-query APIs (note: `status`). */
export interface WechatPayRefund {
  refund_id: string;
  out_refund_no: string;
  transaction_id: string;
  out_trade_no: string;
  status: RefundStatus;
  channel?: string;
  user_received_account?: string;
  /** Only when SUCCESS. */
  success_time?: string;
  create_time?: string;
  funds_account?: string;
  amount: { total: number; refund: number; payer_total?: number; payer_refund?: number; currency?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/** The decrypted resource of a REFUND.* callback (note: `refund_status`, never PROCESSING). */
export interface WechatPayRefundNotice {
  mchid: string;
  transaction_id: string;
  out_trade_no: string;
  refund_id: string;
  out_refund_no: string;
  refund_status: Exclude<RefundStatus, 'PROCESSING'>;
  success_time?: string;
  user_received_account?: string;
  amount: { total: number; refund: number; payer_total?: number; payer_refund?: number };
  [field: string]: unknown;
}

export class PayloadShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadShapeError';
  }
}

type Json = Record<string, unknown>;

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PayloadShapeError(`${path} must be an object`);
  return value as Json;
}

function string(obj: Json, key: string, path: string, required = true): void {
  const v = obj[key];
  if (v === undefined && !required) return;
  if (typeof v !== 'string' || (required && v === '')) throw new PayloadShapeError(`${path}.${key} must be a non-empty string`);
}

function integer(obj: Json, key: string, path: string, required = true): void {
  const v = obj[key];
  if (v === undefined && !required) return;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new PayloadShapeError(`${path}.${key} must be a whole number of fen`);
}

function oneOf<T extends string>(obj: Json, key: string, allowed: readonly T[], path: string): void {
  if (!allowed.includes(obj[key] as T)) throw new PayloadShapeError(`${path}.${key} must be one of ${allowed.join(', ')}`);
}

export function parseTransaction(value: unknown): WechatPayTransaction {
  const tx = object(value, 'transaction');
  for (const key of ['appid', 'mchid', 'out_trade_no']) string(tx, key, 'transaction');
  oneOf(tx, 'trade_state', TRADE_STATES, 'transaction');
  for (const key of ['transaction_id', 'trade_type', 'trade_state_desc', 'bank_type', 'attach', 'success_time']) string(tx, key, 'transaction', false);
  const amount = object(tx.amount, 'transaction.amount');
  integer(amount, 'total', 'transaction.amount');
  integer(amount, 'payer_total', 'transaction.amount', false);
  if (tx.payer !== undefined) string(object(tx.payer, 'transaction.payer'), 'openid', 'transaction.payer', false);
  if (tx.trade_state === 'SUCCESS' || tx.trade_state === 'REFUND') {
    string(tx, 'transaction_id', 'transaction');
    string(tx, 'success_time', 'transaction');
  }
  return tx as WechatPayTransaction;
}

export function parseRefund(value: unknown): WechatPayRefund {
  const refund = object(value, 'refund');
  for (const key of ['refund_id', 'out_refund_no', 'transaction_id', 'out_trade_no']) string(refund, key, 'refund');
  oneOf(refund, 'status', REFUND_STATUSES, 'refund');
  for (const key of ['channel', 'user_received_account', 'success_time', 'create_time', 'funds_account']) string(refund, key, 'refund', false);
  const amount = object(refund.amount, 'refund.amount');
  integer(amount, 'total', 'refund.amount');
  integer(amount, 'refund', 'refund.amount');
  integer(amount, 'payer_total', 'refund.amount', false);
  integer(amount, 'payer_refund', 'refund.amount', false);
  return refund as WechatPayRefund;
}

export function parseRefundNotice(value: unknown): WechatPayRefundNotice {
  const notice = object(value, 'refund');
  for (const key of ['mchid', 'refund_id', 'out_refund_no', 'transaction_id', 'out_trade_no']) string(notice, key, 'refund');
  oneOf(notice, 'refund_status', ['SUCCESS', 'CLOSED', 'ABNORMAL'] as const, 'refund');
  string(notice, 'success_time', 'refund', false);
  const amount = object(notice.amount, 'refund.amount');
  integer(amount, 'total', 'refund.amount');
  integer(amount, 'refund', 'refund.amount');
  return notice as WechatPayRefundNotice;
}

/** RFC 3339 in China Standard Time, e.g. `2018-06-08T10:34:56+08:00` (the form WeChat Pay's docs use). */
export function formatWechatPayTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  const shifted = new Date(Math.floor(date.getTime() / 1000) * 1000 + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}
