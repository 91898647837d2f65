import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { afterCommit } from '../../../database/after-commit';
import { TransactionRunner } from '../../../database/transaction-runner';
import { JobQueue } from '../../../shared/jobs/job-queue';
import { AfterSaleService } from '../../ordering';
import { WechatPayClient, WechatPayError, WechatPayRefund, WechatPayRefundNotice } from '../infrastructure/wechatpay';
import { RefundEntity, RefundRequest } from '../domain/refund.entity';
import { RefundRepository } from '../infrastructure/refund.repository';
import { PAYMENT_JOBS } from './payment-jobs';

const QUERY_DELAY_MS = 30_000;

/**
 * Refunds through WeChat Pay. A refund row is created first (unique out_refund_no), then a job
 * sends it — WeChat answers the same out_refund_no with the same refund, so retries never pay
 * twice — and the result comes back by callback or by query. Success completes the after-sale
 * (stock back, order closed when everything is refunded); failure is shown to staff to retry.
 */
@Injectable()
export class RefundService {
  private readonly logger = new Logger('Refunds');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly refunds: RefundRepository,
    private readonly client: WechatPayClient,
    private readonly afterSales: AfterSaleService,
    private readonly jobs: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get refundNotifyUrl(): string {
    return `${this.config.wechatPay.notifyBaseUrl}/api/v1/notify/wechatpay/refunds`;
  }

  /** An after-sale was approved (or its goods received): record its refund and send it. */
  async requestForAfterSale(afterSaleId: number): Promise<void> {
    const instruction = await this.afterSales.refundInstruction(afterSaleId);
    if (!instruction) return;
    await this.tx.run((em) =>
      this.record(em, {
        orderId: instruction.orderId,
        afterSaleId,
        outRefundNo: instruction.refundNo,
        outTradeNo: instruction.orderNo,
        amount: instruction.amount,
        totalAmount: instruction.orderPayAmount,
        reason: instruction.reason,
      }),
    );
  }

  /**
   * Records a refund inside the caller's transaction — once per out_refund_no; a FAILED one is
   * asked for again — and sends it once that transaction commits.
   */
  async record(em: EntityManager, request: RefundRequest): Promise<RefundEntity> {
    let refund = await this.refunds.byOutRefundNo(request.outRefundNo, em);
    if (refund?.status === 'FAILED') await this.refunds.apply(refund.retry(), em);
    refund ??= await this.refunds.insert(RefundEntity.request(request), em);
    const refundId = refund.id;
    afterCommit(em, () => void this.enqueueSend(refundId, Date.now()));
    return refund;
  }

  enqueueSend(refundId: number, attempt = 0): Promise<boolean> {
    return this.jobs.enqueue(PAYMENT_JOBS.refund, { refundId }, { jobId: `payment-refund:${refundId}:${attempt}`, attempts: 5, backoffMs: 5000 });
  }

  /** The refund job: sends the refund to WeChat Pay and applies the immediate answer. */
  async send(refundId: number): Promise<void> {
    const refund = await this.refunds.byId(refundId);
    if (!refund || refund.settled) return;
    let answer: WechatPayRefund;
    try {
      answer = await this.client.refund({
        outTradeNo: refund.outTradeNo,
        transactionId: refund.transactionId ?? undefined,
        outRefundNo: refund.outRefundNo,
        reason: refund.reason,
        refundFen: refund.amount,
        totalFen: refund.totalAmount,
        notifyUrl: this.refundNotifyUrl,
      });
    } catch (error) {
      if (error instanceof WechatPayError && !error.retryable) {
        await this.fail(refund, `${error.wechatCode ?? error.failure}: ${error.message}`);
        return;
      }
      throw error;
    }
    await this.applyStatus(refund.outRefundNo, answer.status, answer.refund_id, answer.success_time);
  }

  /** The query job (and the sweep): asks WeChat Pay how a refund in flight is doing. */
  async query(refundId: number): Promise<void> {
    const refund = await this.refunds.byId(refundId);
    if (!refund || refund.status !== 'PROCESSING') return;
    const answer = await this.client.queryRefund(refund.outRefundNo);
    if (!answer) {
      await this.enqueueSend(refund.id, Date.now());
      return;
    }
    await this.applyStatus(refund.outRefundNo, answer.status, answer.refund_id, answer.success_time);
  }

  /** A verified REFUND.* callback. */
  async applyNotice(notice: WechatPayRefundNotice): Promise<void> {
    await this.applyStatus(notice.out_refund_no, notice.refund_status, notice.refund_id, notice.success_time);
  }

  private async applyStatus(outRefundNo: string, status: string, refundId: string, successTime?: string): Promise<void> {
    const refund = await this.refunds.byOutRefundNo(outRefundNo);
    if (!refund) {
      this.logger.error(`ALARM: refund result for unknown out_refund_no ${outRefundNo}`);
      return;
    }
    // A late or repeated answer never moves a refund that has its final state.
    if (refund.settled) return;
    if (status === 'SUCCESS') return this.succeed(refund, refundId, successTime ? new Date(successTime) : new Date());
    if (status === 'PROCESSING') {
      const change = refund.markProcessing(refundId);
      if (change) await this.tx.run((em) => this.refunds.apply(change, em));
      await this.jobs.enqueue(PAYMENT_JOBS.refundQuery, { refundId: refund.id }, { jobId: `payment-refund-query:${refund.id}:${Math.floor(Date.now() / QUERY_DELAY_MS)}`, delayMs: QUERY_DELAY_MS });
      return;
    }
    await this.fail(refund, `WeChat Pay refund ${status}`);
  }

  private async succeed(refund: RefundEntity, refundId: string, at: Date): Promise<void> {
    await this.tx.run(async (em) => {
      if (!(await this.refunds.apply(refund.succeed(refundId, at), em)) || refund.afterSaleId === null) return;
      const outcome = await this.afterSales.markRefunded(em, refund.afterSaleId, at);
      if (outcome) afterCommit(em, () => this.afterSales.announceRefunded(outcome));
    });
    this.logger.log(`Refund ${refund.outRefundNo} of ${refund.amount} fen succeeded`);
  }

  private async fail(refund: RefundEntity, reason: string): Promise<void> {
    const moved = await this.tx.run((em) => this.refunds.apply(refund.fail(reason), em));
    if (moved && refund.afterSaleId !== null) await this.afterSales.markRefundFailed(refund.afterSaleId, reason);
    this.logger.error(`ALARM: refund ${refund.outRefundNo} failed: ${reason}`);
  }
}
