import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, RequirePermissions } from '../../../shared/auth/auth.decorators';
import { ApiErrorDto } from '../../../shared/http/api-error';
import { IdPipe } from '../../../shared/http/id.pipe';
import { ApiPageResponse } from '../../../shared/http/pagination';
import type { StaffPrincipal } from '../../../shared/http/request-context';
import { ValidationFailedError } from '../../../shared/http/validation';
import { AfterSaleService } from '../application/after-sale.service';
import { inScope, OrderQueryService } from '../application/order-query.service';
import { OrderLifecycleService } from '../application/order-lifecycle.service';
import { OrderSettingsService } from '../application/order-settings';
import { NotFoundError } from '../../../shared/domain/domain-error';
import type { OrderEntity } from '../domain/order.entity';
import { AfterSaleDto, AfterSaleListQueryDto, RejectAfterSaleDto } from './dto/after-sale.dto';
import { AdminOrderDetailDto, AdminOrderListQueryDto, CancelOrderDto, OrderDto, OrderSettingsDto, ShipOrderDto, UpdateOrderSettingsDto, VerifyPickupDto } from './dto/order.dto';

/** Re-checks the store scope inside the transaction that changes the order. */
const within = (principal: StaffPrincipal) => (order: OrderEntity) => {
  if (!inScope(principal, order.storeId)) throw new NotFoundError('Order');
};

@ApiTags('admin / orders')
@Controller('admin')
export class AdminOrderController {
  constructor(
    private readonly lifecycle: OrderLifecycleService,
    private readonly queries: OrderQueryService,
    private readonly afterSales: AfterSaleService,
    private readonly settings: OrderSettingsService,
  ) {}

  @Get('orders')
  @RequirePermissions('order:read')
  @ApiOperation({ summary: 'Orders within the account’s stores, newest first' })
  @ApiPageResponse(OrderDto)
  list(@CurrentStaff() staff: StaffPrincipal, @Query() query: AdminOrderListQueryDto) {
    return this.queries.staffOrders(staff, query);
  }

  @Get('orders/:id')
  @RequirePermissions('order:read')
  @ApiOperation({ summary: 'An order with its items, state log and pay attempts' })
  @ApiOkResponse({ type: AdminOrderDetailDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such order, or outside the account’s stores' })
  async detail(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) orderId: number): Promise<AdminOrderDetailDto> {
    return this.queries.staffDetail(await this.queries.scopedOrder(staff, orderId));
  }

  @Post('orders/:id/ship')
  @HttpCode(200)
  @RequirePermissions('order:ship')
  @ApiOperation({ summary: 'Ship a paid EXPRESS or LOCAL_DELIVERY order' })
  @ApiOkResponse({ type: OrderDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'ORDER_STATE_INVALID' })
  async ship(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) orderId: number, @Body() body: ShipOrderDto): Promise<OrderDto> {
    await this.queries.scopedOrder(staff, orderId);
    if (!body.trackingNo) {
      throw new ValidationFailedError([{ field: 'trackingNo', message: 'trackingNo is required (automatic SF waybills are not enabled)' }]);
    }
    return this.queries.withItems(await this.lifecycle.ship(orderId, `staff:${staff.staffId}`, body.carrier, body.trackingNo, within(staff)));
  }

  @Post('orders/:id/ready')
  @HttpCode(200)
  @RequirePermissions('order:ship')
  @ApiOperation({ summary: 'A PICKUP or DINE_IN order is prepared' })
  @ApiOkResponse({ type: OrderDto })
  async ready(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) orderId: number): Promise<OrderDto> {
    await this.queries.scopedOrder(staff, orderId);
    return this.queries.withItems(await this.lifecycle.markReady(orderId, `staff:${staff.staffId}`, within(staff)));
  }

  @Post('orders/:id/verify-pickup')
  @HttpCode(200)
  @RequirePermissions('order:ship')
  @ApiOperation({ summary: 'Check the shopper’s pickup code and complete the order' })
  @ApiOkResponse({ type: OrderDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'PICKUP_CODE_MISMATCH, ORDER_STATE_INVALID' })
  async verifyPickup(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) orderId: number, @Body() body: VerifyPickupDto): Promise<OrderDto> {
    await this.queries.scopedOrder(staff, orderId);
    return this.queries.withItems(await this.lifecycle.verifyPickup(orderId, `staff:${staff.staffId}`, body.pickupCode, within(staff)));
  }

  @Post('orders/:id/cancel')
  @HttpCode(200)
  @RequirePermissions('order:cancel')
  @ApiOperation({ summary: 'Cancel an unpaid order' })
  @ApiOkResponse({ type: OrderDto })
  async cancel(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) orderId: number, @Body() body: CancelOrderDto): Promise<OrderDto> {
    await this.queries.scopedOrder(staff, orderId);
    return this.queries.withItems(await this.lifecycle.cancel(orderId, `staff:${staff.staffId}`, body.reason ?? 'cancelled by staff', within(staff)));
  }

  @Get('settings/order')
  @RequirePermissions('order:settings')
  @ApiOperation({ summary: 'Order settings: payment timeout, auto-confirm, after-sale window, freight' })
  @ApiOkResponse({ type: OrderSettingsDto })
  getSettings() {
    return this.settings.get();
  }

  @Put('settings/order')
  @RequirePermissions('order:settings')
  @ApiOperation({ summary: 'Change order settings; fields left out keep their values' })
  @ApiOkResponse({ type: OrderSettingsDto })
  putSettings(@Body() body: UpdateOrderSettingsDto) {
    return this.settings.update(body);
  }

  @Get('after-sales')
  @RequirePermissions('order:read')
  @ApiOperation({ summary: 'After-sales within the account’s stores, newest first' })
  @ApiPageResponse(AfterSaleDto)
  afterSaleList(@CurrentStaff() staff: StaffPrincipal, @Query() query: AfterSaleListQueryDto) {
    return this.afterSales.staffList(staff, query);
  }

  @Get('after-sales/:id')
  @RequirePermissions('order:read')
  @ApiOperation({ summary: 'One after-sale with its items and refund state' })
  @ApiOkResponse({ type: AfterSaleDto })
  afterSale(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) afterSaleId: number) {
    return this.afterSales.staffView(staff, afterSaleId);
  }

  @Post('after-sales/:id/approve')
  @HttpCode(200)
  @RequirePermissions('order:refund')
  @ApiOperation({ summary: 'Approve: REFUND_ONLY goes to WeChat Pay at once; RETURN_AND_REFUND waits for the goods' })
  @ApiOkResponse({ type: AfterSaleDto })
  approve(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) afterSaleId: number) {
    return this.afterSales.approve(staff, afterSaleId);
  }

  @Post('after-sales/:id/reject')
  @HttpCode(200)
  @RequirePermissions('order:refund')
  @ApiOperation({ summary: 'Reject a pending after-sale; its claim on the order is given back' })
  @ApiOkResponse({ type: AfterSaleDto })
  reject(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) afterSaleId: number, @Body() body: RejectAfterSaleDto) {
    return this.afterSales.reject(staff, afterSaleId, body.reason);
  }

  @Post('after-sales/:id/receive')
  @HttpCode(200)
  @RequirePermissions('order:refund')
  @ApiOperation({ summary: 'The returned goods arrived: refund them' })
  @ApiOkResponse({ type: AfterSaleDto })
  receive(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) afterSaleId: number) {
    return this.afterSales.receive(staff, afterSaleId);
  }

  @Post('after-sales/:id/retry-refund')
  @HttpCode(200)
  @RequirePermissions('order:refund')
  @ApiOperation({ summary: 'Send a failed refund to WeChat Pay again' })
  @ApiOkResponse({ type: AfterSaleDto })
  retry(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) afterSaleId: number) {
    return this.afterSales.retryRefund(staff, afterSaleId);
  }
}
