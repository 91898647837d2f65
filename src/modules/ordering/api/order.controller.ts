import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentShopper, ShopperRoute } from '../../../shared/auth/auth.decorators';
import { ApiErrorDto } from '../../../shared/http/api-error';
import { ApiPageResponse } from '../../../shared/http/pagination';
import { IdPipe } from '../../../shared/http/id.pipe';
import { Idempotent } from '../../../shared/idempotency/idempotency.interceptor';
import { AfterSaleService } from '../application/after-sale.service';
import { CheckoutService } from '../application/checkout.service';
import { OrderLifecycleService } from '../application/order-lifecycle.service';
import { OrderQueryService } from '../application/order-query.service';
import { AfterSaleDto, ApplyAfterSaleDto, ReturnShipmentDto } from './dto/after-sale.dto';
import { CancelOrderDto, OrderDto, OrderListQueryDto, OrderPreviewDto, PlaceOrderDto } from './dto/order.dto';


@ApiTags('app / orders')
@ShopperRoute()
@Controller('app')
export class OrderController {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly lifecycle: OrderLifecycleService,
    private readonly queries: OrderQueryService,
    private readonly afterSales: AfterSaleService,
  ) {}

  @Post('orders/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Price an order without placing it (nothing is written)' })
  @ApiOkResponse({ type: OrderPreviewDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'PRODUCT_UNAVAILABLE, STORE_CLOSED, OUT_OF_DELIVERY_RANGE, COUPON_NOT_APPLICABLE' })
  async preview(@CurrentShopper() shopperId: number, @Body() body: PlaceOrderDto): Promise<OrderPreviewDto> {
    const b = await this.checkout.preview(shopperId, body);
    return {
      items: b.lines.map((l) => ({ skuId: l.skuId, productId: l.productId, name: l.name, specValues: l.specValues, image: l.image, price: l.price, quantity: l.quantity, totalAmount: l.totalAmount, discountAmount: l.discountAmount, couponAmount: l.couponAmount, pointsAmount: l.pointsAmount, payAmount: l.payAmount })),
      totalAmount: b.totalAmount,
      discountAmount: b.discountAmount,
      couponAmount: b.couponAmount,
      pointsAmount: b.pointsAmount,
      freightAmount: b.freightAmount,
      payAmount: b.payAmount,
    };
  }

  @Post('orders')
  @Idempotent()
  @ApiOperation({ summary: 'Place an order: takes the stock of every line at once or none (409 OUT_OF_STOCK)' })
  @ApiCreatedResponse({ type: OrderDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'OUT_OF_STOCK, PRODUCT_UNAVAILABLE, STORE_CLOSED, OUT_OF_DELIVERY_RANGE, COUPON_NOT_APPLICABLE, IDEMPOTENCY_CONFLICT' })
  async place(@CurrentShopper() shopperId: number, @Body() body: PlaceOrderDto): Promise<OrderDto> {
    return this.queries.withItems(await this.checkout.place(shopperId, body));
  }

  @Get('orders')
  @ApiOperation({ summary: 'The shopper’s own orders, newest first' })
  @ApiPageResponse(OrderDto)
  list(@CurrentShopper() shopperId: number, @Query() query: OrderListQueryDto) {
    return this.queries.shopperOrders(shopperId, query);
  }

  @Get('orders/:id')
  @ApiOperation({ summary: 'One of the shopper’s orders' })
  @ApiOkResponse({ type: OrderDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such order, or another shopper’s' })
  async detail(@CurrentShopper() shopperId: number, @Param('id', IdPipe) orderId: number): Promise<OrderDto> {
    return this.queries.withItems(await this.queries.ownOrder(shopperId, orderId));
  }

  @Post('orders/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an unpaid order; its stock is released' })
  @ApiOkResponse({ type: OrderDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'ORDER_STATE_INVALID' })
  async cancel(@CurrentShopper() shopperId: number, @Param('id', IdPipe) orderId: number, @Body() body: CancelOrderDto): Promise<OrderDto> {
    await this.queries.ownOrder(shopperId, orderId);
    return this.queries.withItems(await this.lifecycle.cancel(orderId, `shopper:${shopperId}`, body.reason ?? 'cancelled by the shopper'));
  }

  @Post('orders/:id/confirm-receipt')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm a shipped order was received' })
  @ApiOkResponse({ type: OrderDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'ORDER_STATE_INVALID' })
  async confirm(@CurrentShopper() shopperId: number, @Param('id', IdPipe) orderId: number): Promise<OrderDto> {
    await this.queries.ownOrder(shopperId, orderId);
    return this.queries.withItems(
      await this.lifecycle.confirmReceipt(orderId, `shopper:${shopperId}`, 'receipt confirmed by the shopper', (o) => {
        if (o.status === 'READY') o.assertCanMoveTo('SHIPPED');
      }),
    );
  }

  @Post('orders/:id/after-sales')
  @Idempotent()
  @ApiOperation({ summary: 'Ask for a refund (with or without returning goods) on some items or the whole order' })
  @ApiCreatedResponse({ type: AfterSaleDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'AFTER_SALE_NOT_ALLOWED, IDEMPOTENCY_CONFLICT' })
  applyAfterSale(@CurrentShopper() shopperId: number, @Param('id', IdPipe) orderId: number, @Body() body: ApplyAfterSaleDto) {
    return this.afterSales.apply(shopperId, orderId, body);
  }

  @Get('after-sales/:id')
  @ApiOperation({ summary: 'One of the shopper’s after-sales' })
  @ApiOkResponse({ type: AfterSaleDto })
  afterSale(@CurrentShopper() shopperId: number, @Param('id', IdPipe) afterSaleId: number) {
    return this.afterSales.shopperView(shopperId, afterSaleId);
  }

  @Post('after-sales/:id/return-shipment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Tell the shop how the goods are being sent back' })
  @ApiOkResponse({ type: AfterSaleDto })
  returnShipment(@CurrentShopper() shopperId: number, @Param('id', IdPipe) afterSaleId: number, @Body() body: ReturnShipmentDto) {
    return this.afterSales.recordReturnShipment(shopperId, afterSaleId, body.carrier, body.trackingNo);
  }

  @Post('after-sales/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw an after-sale that has not been refunded yet' })
  @ApiOkResponse({ type: AfterSaleDto })
  withdraw(@CurrentShopper() shopperId: number, @Param('id', IdPipe) afterSaleId: number) {
    return this.afterSales.withdraw(shopperId, afterSaleId);
  }
}
