import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { TransactionRunner } from '../../../database/transaction-runner';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { JobQueue } from '../../../shared/jobs/job-queue';
import { newOrderNo, newPickupCode } from '../domain/order-number';
import { OrderItemEntity } from '../domain/order-item.entity';
import { OrderLogEntity } from '../domain/order-log.entity';
import { DeliveryType } from '../domain/order-status';
import { AddressSnapshot, OrderEntity } from '../domain/order.entity';
import { AddressRequiredError, CouponNotApplicableError, OrderAmountTooLargeError, ProductUnavailableError, StoreRequiredError } from '../domain/ordering.errors';
import { OrderPlacedEvent } from '../domain/ordering.events';
import { freightFor, PriceBreakdown, priceLines, PricingLine, summarize } from '../domain/pricing';
import { AddressPort, CartPort, CatalogPort, InventoryPort, StorePort } from './ports';
import { DiscountContext, DiscountOutcome, DiscountStage, DiscountStageRegistry } from './pricing-stages';
import { OrderSettingsService } from './order-settings';
import { ORDER_JOBS } from './order-jobs';

export interface CheckoutRequest {
  items: Array<{ skuId: number; quantity: number }>;
  deliveryType: DeliveryType;
  addressId?: number;
  storeId?: number;
  couponId?: number;
  usePoints?: boolean;
  remark?: string;
  fromCart?: boolean;
}

interface PricedCheckout {
  breakdown: PriceBreakdown;
  address: AddressSnapshot | null;
  storeId: number | null;
  outcomes: Array<{ stage: DiscountStage; outcome: DiscountOutcome; ctx: DiscountContext }>;
}

/**
 * One pricing pipeline for preview and placing: item subtotal → discount stages (member discount,
 * coupon, points, registered by their contexts) → freight → pay amount. Placing then takes the
 * stock of every line in one transaction with the order, its items and its first log row.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly catalog: CatalogPort,
    private readonly inventory: InventoryPort,
    private readonly stores: StorePort,
    private readonly cart: CartPort,
    private readonly addresses: AddressPort,
    private readonly stages: DiscountStageRegistry,
    private readonly settings: OrderSettingsService,
    private readonly jobs: JobQueue,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async preview(shopperId: number, request: CheckoutRequest): Promise<PriceBreakdown> {
    return (await this.price(shopperId, request, new Date())).breakdown;
  }

  async place(shopperId: number, request: CheckoutRequest): Promise<OrderEntity> {
    const now = new Date();
    const priced = await this.price(shopperId, request, now);
    const settings = await this.settings.get();
    const { breakdown } = priced;
    const expiresAt = new Date(now.getTime() + settings.payTimeoutMinutes * 60_000);
    const counter = request.deliveryType === 'PICKUP' || request.deliveryType === 'DINE_IN';

    const order = await this.tx.run(async (em) => {
      const couponId = priced.outcomes.find((o) => o.outcome.couponId)?.outcome.couponId ?? null;
      const pointsUsed = priced.outcomes.reduce((s, o) => s + (o.outcome.pointsUsed ?? 0), 0);
      const inserted = await em.insert(OrderEntity, {
        orderNo: newOrderNo(now),
        shopperId,
        storeId: priced.storeId,
        status: 'PENDING_PAYMENT',
        deliveryType: request.deliveryType,
        totalAmount: breakdown.totalAmount,
        discountAmount: breakdown.discountAmount,
        couponAmount: breakdown.couponAmount,
        pointsAmount: breakdown.pointsAmount,
        freightAmount: breakdown.freightAmount,
        payAmount: breakdown.payAmount,
        couponId,
        pointsUsed,
        address: priced.address as never,
        pickupCode: counter ? newPickupCode() : null,
        remark: request.remark ?? '',
        expiresAt,
      });
      const orderId = inserted.identifiers[0].id as number;
      await em.insert(
        OrderItemEntity,
        breakdown.lines.map((l) => ({
          orderId,
          skuId: l.skuId,
          productId: l.productId,
          categoryId: l.categoryId,
          name: l.name,
          specValues: l.specValues as never,
          image: l.image,
          price: l.price,
          quantity: l.quantity,
          totalAmount: l.totalAmount,
          discountAmount: l.discountAmount,
          couponAmount: l.couponAmount,
          pointsAmount: l.pointsAmount,
          payAmount: l.payAmount,
        })),
      );
      await this.inventory.take(em, breakdown.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })), orderId);
      for (const { stage, outcome, ctx } of priced.outcomes) await stage.commit(em, orderId, ctx, outcome);
      if (request.fromCart) await this.cart.removeOrderedLines(em, shopperId, breakdown.lines.map((l) => l.skuId));
      await em.insert(OrderLogEntity, { orderId, fromStatus: null, toStatus: 'PENDING_PAYMENT', actor: `shopper:${shopperId}`, reason: 'placed' });
      return (await em.findOneBy(OrderEntity, { id: orderId }))!;
    });

    await this.jobs.enqueue(ORDER_JOBS.payTimeout, { orderId: order.id }, { jobId: `order-pay-timeout:${order.id}`, delayMs: expiresAt.getTime() - Date.now() + 1000 });
    this.events.emit(OrderPlacedEvent.event, new OrderPlacedEvent(order.id, shopperId, order.payAmount));
    return order;
  }

  private async price(shopperId: number, request: CheckoutRequest, now: Date): Promise<PricedCheckout> {
    const needsAddress = request.deliveryType === 'EXPRESS' || request.deliveryType === 'LOCAL_DELIVERY';
    if (needsAddress && request.addressId === undefined) throw new AddressRequiredError();
    if (request.deliveryType !== 'EXPRESS' && request.storeId === undefined) throw new StoreRequiredError();

    const quantities = new Map<number, number>();
    for (const item of request.items) quantities.set(item.skuId, (quantities.get(item.skuId) ?? 0) + item.quantity);
    const skus = await this.catalog.skusForCheckout([...quantities.keys()]);
    const lines: PricingLine[] = [];
    for (const [skuId, quantity] of quantities) {
      const sku = skus.get(skuId);
      if (!sku) throw new NotFoundError(`SKU ${skuId}`, { skuId });
      if (sku.unavailableReason) throw new ProductUnavailableError(skuId, sku.unavailableReason);
      lines.push({ skuId, productId: sku.productId, categoryId: sku.categoryId, name: sku.name, specValues: sku.specValues, image: sku.image, price: sku.price, quantity });
    }

    const address = needsAddress ? await this.addresses.snapshot(shopperId, request.addressId!) : null;
    let localDeliveryFee = 0;
    if (request.storeId !== undefined) {
      const location = request.deliveryType === 'LOCAL_DELIVERY' && address?.latitude != null && address.longitude != null ? { latitude: address.latitude, longitude: address.longitude } : null;
      const store = await this.stores.checkOrderable(request.storeId, request.deliveryType, location, now);
      localDeliveryFee = store.localDeliveryFee;
    }

    const priced = priceLines(lines);
    const ctx: DiscountContext = { shopperId, lines: priced, request: { couponId: request.couponId, usePoints: request.usePoints } };
    const outcomes: PricedCheckout['outcomes'] = [];
    for (const stage of this.stages.list()) outcomes.push({ stage, outcome: await stage.apply(ctx), ctx });
    if (request.couponId !== undefined && !outcomes.some((o) => o.outcome.couponId === request.couponId)) {
      throw new CouponNotApplicableError(`Coupon ${request.couponId} cannot be used for this order`);
    }

    const settings = await this.settings.get();
    const goods = priced.reduce((s, l) => s + l.payAmount, 0);
    const freight = freightFor(request.deliveryType, goods, settings, localDeliveryFee);
    const breakdown = summarize(priced, freight);
    // WeChat Pay's amount.total is a 32-bit integer; the configured maximum never exceeds it.
    if (breakdown.payAmount > this.config.orders.maxPayAmount) throw new OrderAmountTooLargeError(breakdown.payAmount, this.config.orders.maxPayAmount);
    return { breakdown, address, storeId: request.storeId ?? null, outcomes };
  }
}

