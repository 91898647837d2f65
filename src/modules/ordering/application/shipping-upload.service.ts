import { Injectable, Logger } from '@nestjs/common';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { TransactionRunner } from '../../../database/transaction-runner';
import { JobQueue } from '../../../shared/jobs/job-queue';
import { OrderItemEntity } from '../domain/order-item.entity';
import { OrderEntity } from '../domain/order.entity';
import { logisticsTypeFor, shippingInfoBody } from '../domain/shipping-info';
import { ShippingUploadEntity, ShippingUploadStatus } from '../domain/shipping-upload.entity';
import { ORDER_JOBS } from './order-jobs';
import { OrderingHooks } from './ordering-hooks';
import { ShippingInfoPort } from './ports';

/** Tries of one upload job (backoff 2 s doubling: about four minutes), then FAILED until the sweep tries again. */
export const SHIPPING_UPLOAD_ATTEMPTS = 8;
const BACKOFF_MS = 2000;
/** A sender holds a row this long (the WeChat call times out well before). */
const LEASE_MS = 60_000;
/** A PENDING row untouched this long lost its job; a FAILED one is tried again after an hour. */
const PENDING_STALE_MS = 120_000;
const FAILED_RETRY_MS = 3_600_000;
const SWEEP_BATCH = 100;

export interface ShippingUploadView {
  status: ShippingUploadStatus;
  logisticsType: number;
  attempts: number;
  lastError: string | null;
  uploadedAt: string | null;
}

export type UploadOutcome = 'uploaded' | 'already-uploaded' | 'busy' | 'failed' | 'none';

/**
 * Uploads an order's shipping information to WeChat (order shipping API) so WeChat releases the
 * funds: recorded PENDING in the transaction that ships or completes the order, sent by a job
 * with a deterministic id and retried with backoff, recovered by a sweep. The paid transaction
 * comes from the payment context through OrderingHooks, so ordering never reads payment tables.
 */
@Injectable()
export class ShippingUploadService {
  private readonly logger = new Logger('ShippingUploads');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly hooks: OrderingHooks,
    private readonly wechat: ShippingInfoPort,
  ) {}

  /** Inside the transaction that shipped (or completed at the counter) the order. */
  async recordPending(em: EntityManager, order: OrderEntity): Promise<void> {
    const existing = await em.findOneBy(ShippingUploadEntity, { orderId: order.id });
    if (existing) return;
    await em.insert(ShippingUploadEntity, { orderId: order.id, logisticsType: logisticsTypeFor(order.deliveryType), status: 'PENDING', attempts: 0 });
  }

  /** After commit. The first job's id is the order's; the sweep adds a time bucket so a finished job never blocks it. */
  enqueue(orderId: number, round?: string): Promise<boolean> {
    const jobId = round ? `order-shipping-upload:${orderId}:${round}` : `order-shipping-upload:${orderId}`;
    return this.jobs.enqueue(ORDER_JOBS.shippingUpload, { orderId }, { jobId, attempts: SHIPPING_UPLOAD_ATTEMPTS, backoffMs: BACKOFF_MS });
  }

  /**
   * Sends the order's shipping information once. Throws when WeChat did not accept it (so the
   * job retries); on the last attempt the row becomes FAILED. An UPLOADED row is never sent again.
   */
  async upload(orderId: number, lastAttempt: boolean, now = new Date()): Promise<UploadOutcome> {
    const row = await this.dataSource.manager.findOneBy(ShippingUploadEntity, { orderId });
    if (!row) return 'none';
    if (row.status === 'UPLOADED') return 'already-uploaded';
    const claimed = await this.tx.run((em) =>
      em
        .createQueryBuilder()
        .update(ShippingUploadEntity)
        .set({ lockedUntil: new Date(now.getTime() + LEASE_MS) })
        .where('id = :id AND status IN (:...open)', { id: row.id, open: ['PENDING', 'FAILED'] })
        .andWhere(new Brackets((w) => w.where('locked_until IS NULL').orWhere('locked_until < :now', { now })))
        .execute(),
    );
    if (claimed.affected !== 1) return 'busy';

    let error: string;
    try {
      const body = await this.bodyFor(orderId);
      if (!body) {
        await this.finish(row.id, 'FAILED', 'the order has no paid WeChat Pay transaction', false);
        return 'failed';
      }
      const answer = await this.wechat.upload(body);
      if (answer.errcode === 0) {
        await this.finish(row.id, 'UPLOADED', null, true, new Date());
        this.logger.log(`Shipping information of order ${orderId} accepted by WeChat`);
        return 'uploaded';
      }
      error = `errcode ${answer.errcode}: ${answer.errmsg}`;
    } catch (e) {
      error = (e as Error).message;
    }
    await this.finish(row.id, lastAttempt ? 'FAILED' : 'PENDING', error, true);
    if (lastAttempt) {
      this.logger.error(`ALARM: WeChat did not accept the shipping information of order ${orderId}: ${error}`);
      return 'failed';
    }
    throw new Error(`WeChat did not accept the shipping information of order ${orderId}: ${error}`);
  }

  /** Re-enqueues uploads the queue lost (PENDING and idle) and, hourly, those that failed. */
  async sweep(now = new Date()): Promise<number> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(ShippingUploadEntity, 'u')
      .select(['u.id', 'u.orderId'])
      .where(
        new Brackets((w) =>
          w
            .where('u.status = :pending AND u.updatedAt < :stale', { pending: 'PENDING', stale: new Date(now.getTime() - PENDING_STALE_MS) })
            .orWhere('u.status = :failed AND u.updatedAt < :retry', { failed: 'FAILED', retry: new Date(now.getTime() - FAILED_RETRY_MS) }),
        ),
      )
      .andWhere(new Brackets((w) => w.where('u.lockedUntil IS NULL').orWhere('u.lockedUntil < :now', { now })))
      .orderBy('u.updatedAt', 'ASC')
      .take(SWEEP_BATCH)
      .getMany();
    const round = `sweep-${Math.floor(now.getTime() / PENDING_STALE_MS)}`;
    for (const row of rows) await this.enqueue(row.orderId, round);
    if (rows.length > 0) this.logger.log(`Sweep: ${rows.length} shipping upload(s) enqueued again`);
    return rows.length;
  }

  async viewOf(orderId: number): Promise<ShippingUploadView | null> {
    const row = await this.dataSource.manager.findOneBy(ShippingUploadEntity, { orderId });
    if (!row) return null;
    return { status: row.status, logisticsType: row.logisticsType, attempts: row.attempts, lastError: row.lastError, uploadedAt: row.uploadedAt ? row.uploadedAt.toISOString() : null };
  }

  private async bodyFor(orderId: number): Promise<Record<string, unknown> | null> {
    const order = await this.dataSource.manager.findOneByOrFail(OrderEntity, { id: orderId });
    const paid = this.hooks.paidTransactions ? await this.hooks.paidTransactions.paidTransactionOf(orderId) : null;
    if (!paid) return null;
    const items = await this.dataSource.manager.find(OrderItemEntity, { where: { orderId }, order: { id: 'ASC' } });
    return shippingInfoBody({
      transactionId: paid.transactionId,
      payerOpenid: paid.payerOpenid,
      logisticsType: logisticsTypeFor(order.deliveryType),
      carrier: order.carrier,
      trackingNo: order.trackingNo,
      receiverPhone: order.address?.phone ?? null,
      items: items.map((i) => ({ name: i.name, quantity: i.quantity })),
      at: new Date(),
    });
  }

  private async finish(id: number, status: ShippingUploadStatus, lastError: string | null, sent: boolean, uploadedAt?: Date): Promise<void> {
    await this.tx.run(async (em) => {
      const qb = em
        .createQueryBuilder()
        .update(ShippingUploadEntity)
        .set({
          status,
          lastError: lastError === null ? null : lastError.slice(0, 255),
          lockedUntil: null,
          ...(sent ? { attempts: () => 'attempts + 1' } : {}),
          ...(uploadedAt ? { uploadedAt } : {}),
        })
        .where('id = :id AND status IN (:...open)', { id, open: ['PENDING', 'FAILED'] satisfies ShippingUploadStatus[] });
      await qb.execute();
    });
  }
}

