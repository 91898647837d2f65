import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { afterCommit } from '../../../database/after-commit';
import { TransactionRunner } from '../../../database/transaction-runner';
import { isUniqueViolation } from '../../../database/unique-violation';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { JobQueue } from '../../../shared/jobs/job-queue';
import { OrderAmountTooLargeError, OrderChangedConcurrentlyError, OrderLifecycleService, OrderQueryService, OrderStateInvalidError } from '../../ordering';
import { RequestPaymentParams, WechatPayClient, WechatPayTransaction } from '../infrastructure/wechatpay';
import { PaymentAnomalyKind } from '../domain/payment-anomaly.entity';
import { PaymentChangedConcurrentlyError, PaymentInProgressError } from '../domain/payment.errors';
import { PayableOrder, PaymentEntity } from '../domain/payment.entity';
import { RefundEntity } from '../domain/refund.entity';
import { PaymentAnomalyRepository } from '../infrastructure/payment-anomaly.repository';
import { PaymentRepository } from '../infrastructure/payment.repository';
import { RefundRepository } from '../infrastructure/refund.repository';
import { PAYMENT_JOBS } from './payment-jobs';
import { RefundService } from './refund.service';

/** Provided by the identity context: the WeChat openid that pays for a shopper. */
export abstract class PayerPort {
  abstract openidOf(shopperId: number): Promise<string>;
}

export type ApplyOutcome = 'paid' | 'duplicate' | 'refund-scheduled' | 'anomaly' | 'not-paid';

/** An order as ordering's query service hands it out. */
type Order = NonNullable<Awaited<ReturnType<OrderQueryService['byId']>>>;

const SYNC_DELAYS_MS = [15_000, 60_000, 180_000, 600_000];
/** How long a pay request waits for the prepay another request of the same order is getting. */
const PREPAY_WAIT_MS = 15_000;
const PREPAY_POLL_MS = 50;
/** A claim whose prepay has been in flight this long belongs to a process that died: it is taken over. */
const STALE_CLAIM_MS = 30_000;

type ClaimStep = { kind: 'ready'; prepayId: string } | { kind: 'claimed'; paymentId: number } | { kind: 'busy' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * WeChat Pay for orders: prepay and `wx.requestPayment` parameters (one prepay in flight per
 * order, whatever the number of requests and processes), applying a confirmed payment exactly
 * once (from the callback or from a query, whichever comes first), refunding money that arrives
 * for a cancelled order or pays an order a second time, and closing WeChat's order when ours is
 * cancelled.
 */
@Injectable()
export class PaymentService {
  private readonly logger = new Logger('Payments');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly payments: PaymentRepository,
    private readonly anomalies: PaymentAnomalyRepository,
    private readonly refundRecords: RefundRepository,
    private readonly refunds: RefundService,
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

  /**
   * The signed parameters for wx.requestPayment. The first request claims the order's pay attempt
   * (a row under a unique key, so across processes too) and asks WeChat Pay for the prepay; the
   * requests that come meanwhile wait for its prepay_id, and later ones reuse it.
   */
  async pay(shopperId: number, orderId: number): Promise<RequestPaymentParams> {
    const deadline = Date.now() + PREPAY_WAIT_MS;
    for (;;) {
      const order = await this.orders.ownOrder(shopperId, orderId);
      const now = new Date();
      this.assertPayable(order, now);
      const step = await this.claimOrReuse(order, now);
      if (step.kind === 'ready') return this.client.requestPaymentParams(step.prepayId);
      if (step.kind === 'claimed') return this.prepay(order, step.paymentId);
      if (Date.now() >= deadline) throw new PaymentInProgressError(orderId);
      await sleep(PREPAY_POLL_MS);
    }
  }

  private assertPayable(order: Order, now: Date): void {
    if (order.status !== 'PENDING_PAYMENT') throw new OrderStateInvalidError(order.status, 'PAID');
    if (order.expiresAt.getTime() <= now.getTime() + 5000) throw new OrderStateInvalidError('EXPIRED', 'PAID');
    const max = this.config.orders.maxPayAmount;
    if (order.payAmount > max) throw new OrderAmountTooLargeError(order.payAmount, max);
  }

  private async claimOrReuse(order: PayableOrder, now: Date): Promise<ClaimStep> {
    try {
      return await this.tx.run(async (em): Promise<ClaimStep> => {
        const open = await this.payments.openAttemptOf(order.id, em);
        if (open) {
          const prepayId = open.reusablePrepayId(order.payAmount, now);
          if (prepayId) return { kind: 'ready', prepayId };
          if (open.prepayInFlight) {
            const dropped = await this.payments.dropStaleClaim(order.id, new Date(now.getTime() - STALE_CLAIM_MS), em);
            if (!dropped) return { kind: 'busy' };
          } else if (open.pendingOrderId !== null) {
            // The open attempt's prepay can no longer be paid with, and WeChat Pay would refuse another.
            throw new OrderStateInvalidError('EXPIRED', 'PAID');
          }
        }
        return { kind: 'claimed', paymentId: await this.payments.insertClaim(PaymentEntity.claim(order), em) };
      });
    } catch (error) {
      // Another request claimed the attempt first.
      if (isUniqueViolation(error)) return { kind: 'busy' };
      throw error;
    }
  }

  /** Holding the claim: asks WeChat Pay for the prepay, records it, or gives the claim up when it fails. */
  private async prepay(order: Order, paymentId: number): Promise<RequestPaymentParams> {
    let prepayId: string;
    try {
      const openid = await this.payer.openidOf(order.shopperId);
      const { items } = await this.orders.withItems(order);
      const description = items.length > 1 ? `${items[0].name} 等${items.length}件` : (items[0]?.name ?? order.orderNo);
      ({ prepayId } = await this.client.jsapiPrepay({
        outTradeNo: order.orderNo,
        description,
        amountFen: order.payAmount,
        payerOpenid: openid,
        timeExpire: order.expiresAt,
        notifyUrl: this.transactionNotifyUrl,
      }));
    } catch (error) {
      await this.tx
        .run((em) => this.payments.releaseClaim(paymentId, em))
        .catch((releaseError) => this.logger.warn(`Could not release the pay claim of order ${order.id} (taken over after ${STALE_CLAIM_MS} ms): ${(releaseError as Error).message}`));
      throw error;
    }
    await this.tx.run(async (em) => {
      // A claim taken over as stale is gone; WeChat Pay answers every prepay of the order with this same prepay_id.
      if (!(await this.payments.recordPrepay(paymentId, prepayId, em))) this.logger.warn(`The pay claim of order ${order.id} was taken over before its prepay answered`);
      afterCommit(em, () => void this.scheduleSync(order.id, 0));
    });
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
    const order = await this.orders.byId(orderId);
    if (!order) throw new NotFoundError('Order');
    const tx = await this.client.queryByOutTradeNo(order.orderNo);
    if (!tx) return { tradeState: null, outcome: 'not-paid' };
    if (tx.trade_state !== 'SUCCESS') return { tradeState: tx.trade_state, outcome: 'not-paid' };
    return { tradeState: tx.trade_state, outcome: await this.applyPaidTransaction(tx, 'query') };
  }

  /**
   * Applies a transaction WeChat Pay reports as paid, exactly once: the transaction id is unique,
   * and the order moves PENDING_PAYMENT → PAID by a conditional update. A duplicate changes
   * nothing; a payment for a cancelled order, or a second payment of a paid one, is refunded; a
   * mismatch is recorded, never applied.
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
        return await this.applyOnce(order, tx.transaction_id, tx.amount.total, paidAt, source);
      } catch (error) {
        // A concurrent delivery (of this payment or another) won the race; look again with fresh eyes.
        const raced =
          isUniqueViolation(error) ||
          error instanceof OrderStateInvalidError ||
          error instanceof OrderChangedConcurrentlyError ||
          error instanceof PaymentChangedConcurrentlyError;
        if (!raced || attempt >= 5) throw error;
      }
    }
  }

  private async applyOnce(order: PayableOrder, transactionId: string, amount: number, paidAt: Date, source: string): Promise<ApplyOutcome> {
    const refundNo = RefundEntity.automaticRefundNo(transactionId);
    return this.tx.run(async (em) => {
      if (await this.payments.byTransactionId(transactionId, em)) return 'duplicate';
      // A second payment is refunded, never stored as a payment: its refund is what marks it handled.
      if (await this.refundRecords.byOutRefundNo(refundNo, em)) return 'duplicate';

      const marked = await this.lifecycle.markPaid(em, order.id, paidAt);
      if (marked.paid) {
        await this.recordPayment(order, transactionId, paidAt, em);
        afterCommit(em, () => {
          this.logger.log(`Order ${order.orderNo} paid (${source}), transaction ${transactionId}`);
          this.lifecycle.announcePaid(marked.order);
        });
        return 'paid';
      }

      const refund = { orderId: order.id, afterSaleId: null, outRefundNo: refundNo, outTradeNo: order.orderNo, transactionId, amount, totalAmount: amount };
      const first = await this.payments.paidOf(order.id, em);
      if (first) {
        await this.anomalies.record(
          { outTradeNo: order.orderNo, transactionId, kind: 'ALREADY_PAID', detail: `order is ${marked.order.status}, paid by ${first.transactionId}; second transaction ${transactionId} refunded` },
          em,
        );
        await this.refunds.record(em, { ...refund, reason: '订单已支付，重复支付的款项原路退回' });
        afterCommit(em, () => this.logger.error(`ALARM: second payment ${transactionId} for order ${order.orderNo} (paid by ${first.transactionId}); refunding it`));
        return 'refund-scheduled';
      }
      if (marked.order.status === 'CANCELLED') {
        await this.recordPayment(order, transactionId, paidAt, em);
        await this.refunds.record(em, { ...refund, reason: '订单已取消，款项原路退回' });
        afterCommit(em, () => this.logger.warn(`Payment ${transactionId} arrived for cancelled order ${order.orderNo}; refunding it`));
        return 'refund-scheduled';
      }
      // Moved on (shipped, say) with no payment recorded here: this may be its only payment, so staff decide.
      if (!(await this.anomalies.exists('ALREADY_PAID', order.orderNo, transactionId, em))) {
        await this.anomalies.record({ outTradeNo: order.orderNo, transactionId, kind: 'ALREADY_PAID', detail: `order is ${marked.order.status} with no payment recorded; transaction ${transactionId} not applied` }, em);
      }
      afterCommit(em, () => this.logger.error(`ALARM: payment ${transactionId} for order ${order.orderNo} (${marked.order.status}) with no recorded payment`));
      return 'anomaly';
    });
  }

  /** The attempt that took the money becomes PAID (one is recorded if WeChat Pay was paid without one here). */
  private async recordPayment(order: PayableOrder, transactionId: string, paidAt: Date, em: EntityManager): Promise<void> {
    const attempt = await this.payments.latestUnpaidOf(order.id, em);
    if (!attempt) {
      await this.payments.insertConfirmed(PaymentEntity.confirmedWithoutAttempt(order, transactionId, paidAt), em);
      return;
    }
    if (!(await this.payments.apply(attempt.markPaid(transactionId, paidAt), em))) throw new PaymentChangedConcurrentlyError(attempt.status);
  }

  /** Closes WeChat's order for a cancelled one, so a late payment is refused at the source. */
  async closeForCancelledOrder(orderId: number): Promise<void> {
    const pending = await this.payments.pendingOf(orderId);
    if (pending.length === 0) return;
    const result = await this.client.closeOrder(pending[0].outTradeNo);
    if (result === 'ORDER_PAID') {
      await this.sync(orderId);
      return;
    }
    await this.tx.run(async (em) => {
      for (const attempt of pending) await this.payments.apply(attempt.close(), em);
    });
  }

  /**
   * Before a pay timeout cancels an order: was it paid after all (callback lost)? Throws when
   * WeChat Pay cannot be asked or the shopper is still paying, so the order is not cancelled on a
   * guess: the timeout job retries and the sweep asks again.
   */
  async settleBeforeCancel(orderId: number): Promise<boolean> {
    if ((await this.payments.countOf(orderId)) === 0) return false;
    const { outcome, tradeState } = await this.sync(orderId);
    if (tradeState === 'USERPAYING') throw new Error(`The shopper is still paying order ${orderId}; not cancelling it yet`);
    return outcome === 'paid' || outcome === 'duplicate';
  }

  /** For the shipping-information upload: the transaction that paid the order and who paid it. */
  async paidTransactionOf(orderId: number): Promise<{ transactionId: string; payerOpenid: string } | null> {
    const payment = await this.payments.paidOf(orderId);
    if (!payment?.transactionId) return null;
    const order = await this.orders.byId(orderId);
    if (!order) throw new NotFoundError('Order');
    return { transactionId: payment.transactionId, payerOpenid: await this.payer.openidOf(order.shopperId) };
  }

  async paymentsOf(orderId: number) {
    const rows = await this.payments.listOf(orderId);
    return rows.map((p) => ({ id: p.id, status: p.status, amount: p.amount, transactionId: p.transactionId, paidAt: p.paidAt ? p.paidAt.toISOString() : null }));
  }

  /** Records a genuine notification that cannot be applied (once per notification) and raises the alarm. */
  private async anomaly(tx: WechatPayTransaction, kind: PaymentAnomalyKind, detail: string): Promise<'anomaly'> {
    const transactionId = tx.transaction_id ?? null;
    await this.tx.run(async (em) => {
      if (await this.anomalies.exists(kind, tx.out_trade_no, transactionId, em)) return;
      await this.anomalies.record({ outTradeNo: tx.out_trade_no, transactionId, kind, detail }, em);
      afterCommit(em, () => this.logger.error(`ALARM: payment notification not applied (${kind}): ${detail}`));
    });
    return 'anomaly';
  }
}
