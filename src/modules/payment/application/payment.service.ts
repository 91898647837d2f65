import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { TransactionRunner } from '../../../database/transaction-runner';
import { JobQueue } from '../../../shared/jobs/job-queue';
import { OrderEntity, OrderLifecycleService, OrderQueryService, OrderStateInvalidError } from '../../ordering';
import { RequestPaymentParams, WechatPayClient, WechatPayTransaction } from '../infrastructure/wechatpay';
import { PaymentAnomalyEntity, PaymentEntity, RefundEntity } from '../domain/payment.entity';
import { PAYMENT_JOBS } from './payment-jobs';
import { isUniqueViolation } from '../../../database/unique-violation';

/** Provided by the identity context: the WeChat openid that pays for a shopper. */
export abstract class PayerPort {
  abstract openidOf(shopperId: number): Promise<string>;
}

export type ApplyOutcome = 'paid' | 'duplicate' | 'refund-scheduled' | 'anomaly' | 'not-paid';

const SYNC_DELAYS_MS = [15_000, 60_000, 180_000, 600_000];


/**
 * WeChat Pay for orders: prepay and `wx.requestPayment` parameters, applying a confirmed payment
 * exactly once (from the callback or from a query, whichever comes first), refunding money that
 * arrives for a cancelled order, and closing WeChat's order when ours is cancelled.
 */
@Injectable()
export class PaymentService {
  private readonly logger = new Logger('Payments');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly dataSource: DataSource,
    private readonly client: WechatPayClient,
    private readonly orders: OrderQueryService,
    private readonly lifecycle: OrderLifecycleService,
    private readonly payer: PayerPort,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get transactionNotifyUrl(): string {
    return `${this.config.wechatPay.notifyBaseUrl}/api/v1/notify/wechatpay/transactions`;
  }

  get refundNotifyUrl(): string {
    return `${this.config.wechatPay.notifyBaseUrl}/api/v1/notify/wechatpay/refunds`;
  }

  /** Prepay (reusing a still valid prepay id) and the signed parameters for wx.requestPayment. */
  async pay(shopperId: number, orderId: number, now = new Date()): Promise<RequestPaymentParams> {
    const order = await this.orders.ownOrder(shopperId, orderId);
    if (order.status !== 'PENDING_PAYMENT') throw new OrderStateInvalidError(order.status, 'PAID');
    if (order.expiresAt.getTime() <= now.getTime() + 5000) throw new OrderStateInvalidError('EXPIRED', 'PAID');

    const reusable = await this.dataSource.manager.findOne(PaymentEntity, {
      where: { orderId, status: 'PENDING' },
      order: { id: 'DESC' },
    });
    if (reusable?.prepayId && reusable.amount === order.payAmount && reusable.prepayExpiresAt && reusable.prepayExpiresAt.getTime() > now.getTime()) {
      return this.client.requestPaymentParams(reusable.prepayId);
    }

    const openid = await this.payer.openidOf(shopperId);
    const items = await this.orders.withItems(order);
    const description = items.items.length > 1 ? `${items.items[0].name} 等${items.items.length}件` : (items.items[0]?.name ?? order.orderNo);
    const { prepayId } = await this.client.jsapiPrepay({
      outTradeNo: order.orderNo,
      description,
      amountFen: order.payAmount,
      payerOpenid: openid,
      timeExpire: order.expiresAt,
      notifyUrl: this.transactionNotifyUrl,
    });
    await this.tx.run((em) =>
      em.insert(PaymentEntity, { orderId, outTradeNo: order.orderNo, status: 'PENDING', amount: order.payAmount, prepayId, prepayExpiresAt: order.expiresAt }),
    );
    await this.scheduleSync(orderId, 0);
    return this.client.requestPaymentParams(prepayId);
  }

  async scheduleSync(orderId: number, step: number): Promise<void> {
    if (step >= SYNC_DELAYS_MS.length) return;
    await this.jobs.enqueue(PAYMENT_JOBS.sync, { orderId, step }, { jobId: `payment-sync:${orderId}:${step}`, delayMs: SYNC_DELAYS_MS[step], attempts: 3 });
  }

  /**
   * Asks WeChat Pay about an order and applies the answer. Returns WeChat's trade state
   * (null when WeChat has no such order).
   */
  async sync(orderId: number): Promise<{ tradeState: string | null; outcome: ApplyOutcome }> {
    const order = await this.dataSource.manager.findOneByOrFail(OrderEntity, { id: orderId });
    const tx = await this.client.queryByOutTradeNo(order.orderNo);
    if (!tx) return { tradeState: null, outcome: 'not-paid' };
    if (tx.trade_state !== 'SUCCESS') return { tradeState: tx.trade_state, outcome: 'not-paid' };
    return { tradeState: tx.trade_state, outcome: await this.applyPaidTransaction(tx, 'query') };
  }

  /**
   * Applies a transaction WeChat Pay reports as paid, exactly once: the transaction id is unique,
   * and the order moves PENDING_PAYMENT → PAID by a conditional update. A duplicate changes
   * nothing; a payment for a cancelled order is refunded; a mismatch is recorded, never applied.
   */
  async applyPaidTransaction(tx: WechatPayTransaction, source: 'callback' | 'query'): Promise<ApplyOutcome> {
    if (tx.trade_state !== 'SUCCESS' || !tx.transaction_id) return 'not-paid';
    if (!this.client.isOwnTransaction(tx)) return this.anomaly(tx, 'FOREIGN_MERCHANT', `mchid ${tx.mchid} / appid ${tx.appid} are not ours`);
    const order = await this.orders.byOrderNo(tx.out_trade_no);
    if (!order) return this.anomaly(tx, 'UNKNOWN_ORDER', `no order ${tx.out_trade_no}`);
    if (tx.amount.total !== order.payAmount) {
      return this.anomaly(tx, 'AMOUNT_MISMATCH', `paid ${tx.amount.total} fen, order ${order.orderNo} is ${order.payAmount} fen`);
    }
    const paidAt = tx.success_time ? new Date(tx.success_time) : new Date();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.applyOnce(order, tx, paidAt, source);
      } catch (error) {
        // A concurrent delivery of the same payment won the race; look again with fresh eyes.
        const raced = isUniqueViolation(error) || (error as { code?: string }).code === 'ORDER_STATE_INVALID';
        if (!raced || attempt >= 5) throw error;
      }
    }
  }

  private async applyOnce(order: OrderEntity, tx: WechatPayTransaction, paidAt: Date, source: string): Promise<ApplyOutcome> {
    const transactionId = tx.transaction_id!;
    const result = await this.tx.run(async (em) => {
      const known = await em.findOneBy(PaymentEntity, { transactionId });
      if (known) return { outcome: 'duplicate' as const };
      await this.recordPayment(em, order, transactionId, paidAt);
      const marked = await this.lifecycle.markPaid(em, order.id, paidAt);
      if (marked.paid) return { outcome: 'paid' as const, order: marked.order };
      if (marked.order.status === 'CANCELLED') {
        const refund = await this.createRefund(em, {
          orderId: order.id,
          afterSaleId: null,
          outRefundNo: `AR${transactionId}`.slice(0, 64),
          outTradeNo: order.orderNo,
          amount: tx.amount.total,
          totalAmount: tx.amount.total,
          reason: 'order cancelled before the payment arrived',
        });
        return { outcome: 'refund-scheduled' as const, refundId: refund.id };
      }
      await em.insert(PaymentAnomalyEntity, { outTradeNo: order.orderNo, transactionId, kind: 'ALREADY_PAID', detail: `order is ${marked.order.status}; second transaction ${transactionId}` });
      return { outcome: 'anomaly' as const };
    });
    if (result.outcome === 'paid') {
      this.logger.log(`Order ${order.orderNo} paid (${source}), transaction ${transactionId}`);
      this.lifecycle.announcePaid(result.order!);
    }
    if (result.outcome === 'refund-scheduled') {
      this.logger.warn(`Payment ${transactionId} arrived for cancelled order ${order.orderNo}; refunding it`);
      await this.jobs.enqueue(PAYMENT_JOBS.refund, { refundId: result.refundId }, { jobId: `payment-refund:${result.refundId}` });
    }
    if (result.outcome === 'anomaly') this.logger.error(`ALARM: second payment ${transactionId} for order ${order.orderNo}`);
    return result.outcome;
  }

  private async recordPayment(em: EntityManager, order: OrderEntity, transactionId: string, paidAt: Date): Promise<void> {
    const pending = await em.findOne(PaymentEntity, { where: { orderId: order.id, status: In(['PENDING', 'CLOSED']) }, order: { id: 'DESC' } });
    if (pending) {
      await em.update(PaymentEntity, { id: pending.id }, { status: 'PAID', transactionId, paidAt });
    } else {
      await em.insert(PaymentEntity, { orderId: order.id, outTradeNo: order.orderNo, status: 'PAID', amount: order.payAmount, transactionId, paidAt });
    }
  }

  async createRefund(em: EntityManager, data: Pick<RefundEntity, 'orderId' | 'afterSaleId' | 'outRefundNo' | 'outTradeNo' | 'amount' | 'totalAmount' | 'reason'>): Promise<RefundEntity> {
    const existing = await em.findOneBy(RefundEntity, { outRefundNo: data.outRefundNo });
    if (existing) {
      if (existing.status === 'FAILED') await em.update(RefundEntity, { id: existing.id, status: 'FAILED' }, { status: 'PENDING', failureReason: null });
      return existing;
    }
    const inserted = await em.insert(RefundEntity, { ...data, reason: data.reason.slice(0, 80), status: 'PENDING' });
    return em.findOneByOrFail(RefundEntity, { id: inserted.identifiers[0].id as number });
  }

  /** Closes WeChat's order for a cancelled one, so a late payment is refused at the source. */
  async closeForCancelledOrder(orderId: number): Promise<void> {
    const payments = await this.dataSource.manager.findBy(PaymentEntity, { orderId, status: 'PENDING' });
    if (payments.length === 0) return;
    const result = await this.client.closeOrder(payments[0].outTradeNo);
    if (result === 'ORDER_PAID') {
      await this.sync(orderId);
      return;
    }
    await this.tx.run((em) => em.update(PaymentEntity, { orderId, status: 'PENDING' }, { status: 'CLOSED' }));
  }

  /**
   * Before a pay timeout cancels an order: was it paid after all (callback lost)? Throws when
   * WeChat Pay cannot be asked or the shopper is still paying, so the order is not cancelled on a
   * guess: the timeout job retries and the sweep asks again.
   */
  async settleBeforeCancel(orderId: number): Promise<boolean> {
    const attempts = await this.dataSource.manager.countBy(PaymentEntity, { orderId });
    if (attempts === 0) return false;
    const { outcome, tradeState } = await this.sync(orderId);
    if (tradeState === 'USERPAYING') throw new Error(`The shopper is still paying order ${orderId}; not cancelling it yet`);
    return outcome === 'paid' || outcome === 'duplicate';
  }

  /** For the shipping-information upload: the transaction that paid the order and who paid it. */
  async paidTransactionOf(orderId: number): Promise<{ transactionId: string; payerOpenid: string } | null> {
    const payment = await this.dataSource.manager.findOne(PaymentEntity, { where: { orderId, status: 'PAID' }, order: { id: 'ASC' } });
    if (!payment?.transactionId) return null;
    const order = await this.dataSource.manager.findOneByOrFail(OrderEntity, { id: orderId });
    return { transactionId: payment.transactionId, payerOpenid: await this.payer.openidOf(order.shopperId) };
  }

  async paymentsOf(orderId: number) {
    const rows = await this.dataSource.manager.find(PaymentEntity, { where: { orderId }, order: { id: 'ASC' } });
    return rows.map((p) => ({ id: p.id, status: p.status, amount: p.amount, transactionId: p.transactionId, paidAt: p.paidAt ? p.paidAt.toISOString() : null }));
  }

  private async anomaly(tx: WechatPayTransaction, kind: string, detail: string): Promise<'anomaly'> {
    await this.tx.run((em) => em.insert(PaymentAnomalyEntity, { outTradeNo: tx.out_trade_no.slice(0, 32), transactionId: tx.transaction_id ?? null, kind, detail: detail.slice(0, 500) }));
    this.logger.error(`ALARM: payment notification not applied (${kind}): ${detail}`);
    return 'anomaly';
  }
}
